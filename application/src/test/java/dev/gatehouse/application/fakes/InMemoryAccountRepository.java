package dev.gatehouse.application.fakes;

import dev.gatehouse.application.port.out.AccountRepository;
import dev.gatehouse.domain.account.Account;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.tenant.TenantId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

public final class InMemoryAccountRepository implements AccountRepository, InMemoryStore {
    private Map<AccountId, Account> accounts = new LinkedHashMap<>();

    @Override
    public synchronized void insert(Account account) {
        if (accounts.putIfAbsent(account.id(), account) != null) {
            throw new IllegalStateException("duplicate account id " + account.id());
        }
    }

    @Override
    public synchronized Optional<Account> findById(TenantId tenantId, AccountId id) {
        return Optional.ofNullable(accounts.get(id)).filter(a -> a.tenantId().equals(tenantId));
    }

    @Override
    public synchronized Optional<Account> lockForUpdate(TenantId tenantId, AccountId id) {
        return findById(tenantId, id); // fake transactions are serialised already
    }

    @Override
    public synchronized boolean rename(TenantId tenantId, AccountId id, String name) {
        Optional<Account> account = findById(tenantId, id);
        account.ifPresent(a -> accounts.put(id, new Account(a.id(), a.tenantId(), name, a.created())));
        return account.isPresent();
    }

    @Override
    public synchronized boolean delete(TenantId tenantId, AccountId id) {
        return findById(tenantId, id).map(a -> accounts.remove(id) != null).orElse(false);
    }

    public synchronized int count() {
        return accounts.size();
    }

    @Override
    public synchronized Object snapshot() {
        return new LinkedHashMap<>(accounts);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        accounts = new LinkedHashMap<>((Map<AccountId, Account>) snapshot);
    }
}
