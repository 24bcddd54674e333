package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.adapters.persistence.jooq.Tables.APP_USER;

import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.error.EmailAlreadyInUse;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.PasswordHash;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;
import dev.gatehouse.domain.user.UserStatus;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;

/** Users in {@code app_user}; the unique index on (tenant_id, email) decides whether an email is taken. */
final class JooqUserRepository implements UserRepository {
    private static final String EMAIL_INDEX = "app_user_tenant_email_uq";

    private final DSLContext dsl;

    JooqUserRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void insert(User user) {
        try {
            dsl.insertInto(APP_USER)
                    .set(APP_USER.ID, user.id().value())
                    .set(APP_USER.TENANT_ID, user.tenantId().value())
                    .set(APP_USER.ACCOUNT_ID, user.accountId().value())
                    .set(APP_USER.EMAIL, user.email().value())
                    .set(APP_USER.PASSWORD_HASH, user.passwordHash().encoded())
                    .set(APP_USER.ROLE, user.role().level())
                    .set(APP_USER.STATUS, user.status().name())
                    .set(APP_USER.CREATED, user.created())
                    .execute();
        } catch (DataAccessException e) {
            if (SqlErrors.violates(e, EMAIL_INDEX)) {
                throw new EmailAlreadyInUse();
            }
            throw e;
        }
    }

    @Override
    public Optional<User> findByEmail(TenantId tenantId, EmailAddress email) {
        return find(APP_USER.TENANT_ID.eq(tenantId.value()).and(APP_USER.EMAIL.eq(email.value())));
    }

    @Override
    public Optional<User> findById(TenantId tenantId, UserId id) {
        return find(APP_USER.TENANT_ID.eq(tenantId.value()).and(APP_USER.ID.eq(id.value())));
    }

    @Override
    public boolean updatePasswordHash(TenantId tenantId, UserId id, PasswordHash hash) {
        return dsl.update(APP_USER)
                .set(APP_USER.PASSWORD_HASH, hash.encoded())
                .where(APP_USER.TENANT_ID.eq(tenantId.value()).and(APP_USER.ID.eq(id.value())))
                .execute() == 1;
    }

    private Optional<User> find(Condition condition) {
        return dsl.selectFrom(APP_USER).where(condition).fetchOptional(JooqUserRepository::toDomain);
    }

    private static User toDomain(Record r) {
        return User.restore(new UserId(r.get(APP_USER.ID)), new TenantId(r.get(APP_USER.TENANT_ID)),
                new AccountId(r.get(APP_USER.ACCOUNT_ID)), new EmailAddress(r.get(APP_USER.EMAIL)),
                new PasswordHash(r.get(APP_USER.PASSWORD_HASH)), Role.fromLevel(r.get(APP_USER.ROLE)),
                r.get(APP_USER.CREATED), UserStatus.valueOf(r.get(APP_USER.STATUS)));
    }
}
