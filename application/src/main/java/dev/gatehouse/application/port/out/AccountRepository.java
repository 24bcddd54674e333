package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.account.Account;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.tenant.TenantId;
import java.util.Optional;

public interface AccountRepository {

    void insert(Account account);

    /** Only an account of the given tenant is ever found: tenants are isolated in every query. */
    Optional<Account> findById(TenantId tenantId, AccountId id);
}
