package dev.gatehouse.application.fakes;

import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.error.EmailAlreadyInUse;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.PasswordHash;
import dev.gatehouse.domain.user.SecurityStamp;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;
import dev.gatehouse.domain.user.UserProfile;
import dev.gatehouse.domain.user.UserStatus;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

public final class InMemoryUserRepository implements UserRepository, InMemoryStore {
    /**
     * Ids compare as the databases compare UUIDs: as 16 unsigned bytes, which is also the order of their text.
     * {@link UUID#compareTo} compares signed halves and puts ids from 8000... before 0000...
     */
    private static final Comparator<UUID> UUID_ORDER = Comparator
            .comparing(UUID::getMostSignificantBits, Long::compareUnsigned)
            .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned);
    private static final Comparator<Position> POSITION_ORDER = Comparator.comparing(Position::created)
            .thenComparing(p -> p.id().value(), UUID_ORDER);
    private static final Comparator<User> CREATION_ORDER = Comparator.comparing(
            InMemoryUserRepository::positionOf, POSITION_ORDER);

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

    /**
     * Inserts each user whose address no user of its tenant has (nor an earlier one of {@code batch}), in one pass:
     * what {@link InMemoryUserImportStore} needs for batches of thousands, which {@link #insert} one at a time would
     * make quadratic. Answers the ids inserted.
     */
    public synchronized java.util.Set<UserId> insertIfAbsent(List<User> batch) {
        java.util.Set<String> taken = new java.util.HashSet<>();
        users.values().forEach(u -> taken.add(u.tenantId() + " " + u.email().value()));
        java.util.Set<UserId> inserted = new java.util.HashSet<>();
        for (User user : batch) {
            if (taken.add(user.tenantId() + " " + user.email().value()) && users.putIfAbsent(user.id(), user) == null) {
                inserted.add(user.id());
            }
        }
        return inserted;
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
        user.ifPresent(u -> users.put(id, u.withPasswordHash(hash).withNextStamp()));
        return user.isPresent();
    }

    @Override
    public synchronized boolean upgradePasswordHash(TenantId tenantId, UserId id, PasswordHash current,
                                                    PasswordHash upgraded) {
        Optional<User> user = findById(tenantId, id).filter(u -> u.passwordHash().equals(current));
        user.ifPresent(u -> users.put(id, u.withPasswordHash(upgraded)));
        return user.isPresent();
    }

    /** Units of work are serialised by the fake transaction runner: holding none is as good as a lock. */
    @Override
    public synchronized boolean lockUnchanged(TenantId tenantId, UserId id, SecurityStamp stamp) {
        return findById(tenantId, id).filter(u -> u.securityStamp().equals(stamp)).isPresent();
    }

    @Override
    public synchronized List<User> findPageInAccount(TenantId tenantId, AccountId accountId, PageQuery query) {
        return users.values().stream()
                .filter(u -> u.tenantId().equals(tenantId) && u.accountId().equals(accountId))
                .filter(u -> query.role().map(r -> u.role() == r).orElse(true))
                .filter(u -> query.emailPrefix().map(p -> u.email().value().startsWith(p)).orElse(true))
                .filter(u -> query.after().map(a -> POSITION_ORDER.compare(positionOf(u), a) > 0).orElse(true))
                .sorted(CREATION_ORDER)
                .limit(query.limit())
                .toList();
    }

    @Override
    public synchronized List<User> findPageInTenant(TenantId tenantId, TenantPageQuery query) {
        return users.values().stream()
                .filter(u -> u.tenantId().equals(tenantId))
                .filter(u -> query.account().map(a -> u.accountId().equals(a)).orElse(true))
                .filter(u -> query.role().map(r -> u.role() == r).orElse(true))
                .filter(u -> query.status().map(s -> u.status() == s).orElse(true))
                .filter(u -> query.emailPrefix().map(p -> u.email().value().startsWith(p)).orElse(true))
                .filter(u -> query.after().map(a -> POSITION_ORDER.compare(positionOf(u), a) > 0).orElse(true))
                .sorted(CREATION_ORDER)
                .limit(query.limit())
                .toList();
    }

    @Override
    public synchronized long countInAccount(TenantId tenantId, AccountId accountId, Role atLeast) {
        return users.values().stream().filter(u -> u.tenantId().equals(tenantId) && u.accountId().equals(accountId)
                && u.role().isAtLeast(atLeast)).count();
    }

    @Override
    public synchronized Optional<User> findOldestInAccount(TenantId tenantId, AccountId accountId) {
        return users.values().stream().filter(u -> u.tenantId().equals(tenantId) && u.accountId().equals(accountId))
                .min(CREATION_ORDER);
    }

    @Override
    public synchronized boolean updateRole(TenantId tenantId, UserId id, Role role) {
        Optional<User> user = findById(tenantId, id);
        user.ifPresent(u -> users.put(id, u.withRole(role).withNextStamp()));
        return user.isPresent();
    }

    @Override
    public synchronized boolean markEmailVerified(TenantId tenantId, UserId id) {
        Optional<User> user = findById(tenantId, id).filter(u -> !u.emailVerified());
        user.ifPresent(u -> users.put(id, u.withEmailVerified().withNextStamp()));
        return user.isPresent();
    }

    @Override
    public synchronized boolean updateEmail(TenantId tenantId, UserId id, EmailAddress verifiedEmail) {
        Optional<User> user = findById(tenantId, id);
        if (user.isEmpty()) {
            return false;
        }
        boolean taken = users.values().stream().anyMatch(u -> u.tenantId().equals(tenantId) && !u.id().equals(id)
                && u.email().equals(verifiedEmail));
        if (taken) {
            throw new EmailAlreadyInUse();
        }
        users.put(id, user.get().withVerifiedEmail(verifiedEmail).withNextStamp());
        return true;
    }

    @Override
    public synchronized boolean updateAccount(TenantId tenantId, UserId id, AccountId accountId) {
        Optional<User> user = findById(tenantId, id);
        user.ifPresent(u -> users.put(id, u.withAccount(accountId).withNextStamp()));
        return user.isPresent();
    }

    @Override
    public synchronized boolean updateStatus(TenantId tenantId, UserId id, UserStatus status) {
        Optional<User> user = findById(tenantId, id);
        user.ifPresent(u -> users.put(id, u.withStatus(status).withNextStamp()));
        return user.isPresent();
    }

    @Override
    public synchronized boolean updateProfile(TenantId tenantId, UserId id, UserProfile profile) {
        Optional<User> user = findById(tenantId, id);
        user.ifPresent(u -> users.put(id, u.withProfile(profile)));
        return user.isPresent();
    }

    @Override
    public synchronized boolean delete(TenantId tenantId, UserId id) {
        return findById(tenantId, id).map(u -> users.remove(id) != null).orElse(false);
    }

    private static Position positionOf(User user) {
        return new Position(user.created(), user.id());
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
