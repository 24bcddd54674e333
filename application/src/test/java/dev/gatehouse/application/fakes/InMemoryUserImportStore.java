package dev.gatehouse.application.fakes;

import dev.gatehouse.application.imports.port.out.UserImportStore;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.UserId;
import java.util.List;
import java.util.Set;

/**
 * Imported users stored in the in-memory user and account repositories (whose snapshots make the fake unit of
 * work): a user whose address is taken is left out, and so is their new account.
 */
public final class InMemoryUserImportStore implements UserImportStore {
    private final InMemoryAccountRepository accounts;
    private final InMemoryUserRepository users;

    public InMemoryUserImportStore(InMemoryAccountRepository accounts, InMemoryUserRepository users) {
        this.accounts = accounts;
        this.users = users;
    }

    @Override
    public Set<UserId> insertBatch(TenantId tenant, List<ImportedUser> batch) {
        for (ImportedUser imported : batch) {
            if (!imported.user().tenantId().equals(tenant)) {
                throw new IllegalArgumentException("a user of another tenant in the batch");
            }
        }
        Set<UserId> stored = users.insertIfAbsent(batch.stream().map(ImportedUser::user).toList());
        for (ImportedUser imported : batch) {
            if (stored.contains(imported.user().id())) {
                imported.newAccount().ifPresent(accounts::insert);
            }
        }
        return stored;
    }
}
