package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.adapters.persistence.jooq.Tables.ACCOUNT;

import dev.gatehouse.application.port.out.AccountRepository;
import dev.gatehouse.domain.account.Account;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.tenant.TenantId;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;

/** Accounts in {@code account}. */
final class JooqAccountRepository extends JooqStore implements AccountRepository {
    JooqAccountRepository(DSLContext dsl) {
        super(dsl);
    }

    @Override
    public void insert(Account account) {
        dsl.insertInto(ACCOUNT)
                .set(ACCOUNT.ID, account.id().value())
                .set(ACCOUNT.TENANT_ID, account.tenantId().value())
                .set(ACCOUNT.NAME, account.name())
                .set(ACCOUNT.CREATED, account.created())
                .execute();
    }

    @Override
    public Optional<Account> findById(TenantId tenantId, AccountId id) {
        return dsl.selectFrom(ACCOUNT)
                .where(byId(tenantId, id))
                .fetchOptional(JooqAccountRepository::toDomain);
    }

    /** {@code select ... for update}: the row lock is held until the caller's transaction ends. */
    @Override
    public Optional<Account> lockForUpdate(TenantId tenantId, AccountId id) {
        return dsl.selectFrom(ACCOUNT)
                .where(byId(tenantId, id))
                .forUpdate()
                .fetchOptional(JooqAccountRepository::toDomain);
    }

    @Override
    public boolean rename(TenantId tenantId, AccountId id, String name) {
        return dsl.update(ACCOUNT)
                .set(ACCOUNT.NAME, name)
                .where(byId(tenantId, id))
                .execute() == 1;
    }

    /** The foreign key of {@code app_user} refuses an account that still has users; its invitations cascade. */
    @Override
    public boolean delete(TenantId tenantId, AccountId id) {
        return dsl.deleteFrom(ACCOUNT).where(byId(tenantId, id)).execute() == 1;
    }

    private static Condition byId(TenantId tenantId, AccountId id) {
        return ACCOUNT.TENANT_ID.eq(tenantId.value()).and(ACCOUNT.ID.eq(id.value()));
    }

    private static Account toDomain(Record r) {
        return new Account(new AccountId(r.get(ACCOUNT.ID)), new TenantId(r.get(ACCOUNT.TENANT_ID)),
                r.get(ACCOUNT.NAME), r.get(ACCOUNT.CREATED));
    }
}
