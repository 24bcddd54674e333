package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.account.Account;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.tenant.TenantId;
import java.util.Optional;

public interface AccountRepository {

    void insert(Account account);

    /** Only an account of the given tenant is ever found: tenants are isolated in every query. */
    Optional<Account> findById(TenantId tenantId, AccountId id);

    /**
     * Reads the account and locks it until the current unit of work ends: membership changes that must
     * see a stable set of admins (the last admin may not leave) take this lock first.
     */
    Optional<Account> lockForUpdate(TenantId tenantId, AccountId id);

    /** Renames the account; false when there is no such account in the tenant. */
    boolean rename(TenantId tenantId, AccountId id, String name);

    /**
     * Deletes the account row; false when there is no such account in the tenant. Only an account without users may
     * go (a database refuses one that still has users): move or delete them first, and its pending invitations
     * ({@code InvitationRepository.deleteAllOfAccount}; a database also deletes them with the account).
     */
    boolean delete(TenantId tenantId, AccountId id);
}
