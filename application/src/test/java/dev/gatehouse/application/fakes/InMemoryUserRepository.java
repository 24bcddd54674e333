package dev.gatehouse.application.fakes;

import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.error.EmailAlreadyInUse;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.PasswordHash;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

public final class InMemoryUserRepository implements UserRepository, InMemoryStore {
    private Map<UserId, User> users = new LinkedHashMap<>();

    @Override
    public synchronized void insert(User user) {
        boolean emailTaken = users.values().stream()
                .anyMatch(u -> u.tenantId().equals(user.tenantId()) && u.email().equals(user.email()));
        if (emailTaken) {
            throw new EmailAlreadyInUse();
        }
        if (users.putIfAbsent(user.id(), user) != null) {
            throw new IllegalStateException("duplicate user id " + user.id());
        }
    }

    @Override
    public synchronized Optional<User> findByEmail(TenantId tenantId, EmailAddress email) {
        return users.values().stream()
                .filter(u -> u.tenantId().equals(tenantId) && u.email().equals(email))
                .findFirst();
    }

    @Override
    public synchronized Optional<User> findById(TenantId tenantId, UserId id) {
        return Optional.ofNullable(users.get(id)).filter(u -> u.tenantId().equals(tenantId));
    }

    @Override
    public synchronized boolean updatePasswordHash(TenantId tenantId, UserId id, PasswordHash hash) {
        Optional<User> user = findById(tenantId, id);
        user.ifPresent(u -> users.put(id, u.withPasswordHash(hash)));
        return user.isPresent();
    }

    public synchronized int count() {
        return users.size();
    }

    @Override
    public synchronized Object snapshot() {
        return new LinkedHashMap<>(users);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        users = new LinkedHashMap<>((Map<UserId, User>) snapshot);
    }
}
