package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.adapters.persistence.jooq.Tables.USER_IDENTITY;

import dev.gatehouse.application.oauth.port.out.IdentityRepository;
import dev.gatehouse.domain.oauth.Identity;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.UserId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Provider accounts linked to users, in {@code user_identity} (V17); they go when their user goes (on delete cascade).
 * The unique constraint, not a prior read, decides that a provider account is linked already, also across processes.
 */
final class JooqIdentityRepository extends JooqStore implements IdentityRepository {
    /** Named in V17. */
    private static final String SUBJECT_UNIQUE = "user_identity_subject_uq";

    JooqIdentityRepository(DSLContext dsl) {
        super(dsl);
    }

    @Override
    public Optional<Identity> find(TenantId tenant, String issuer, String subject) {
        return dsl.selectFrom(USER_IDENTITY)
                .where(USER_IDENTITY.TENANT_ID.eq(tenant.value()))
                .and(USER_IDENTITY.ISSUER.eq(issuer))
                .and(USER_IDENTITY.SUBJECT.eq(subject))
                .fetchOptional(JooqIdentityRepository::toDomain);
    }

    @Override
    public List<Identity> ofUser(TenantId tenant, UserId user) {
        return dsl.selectFrom(USER_IDENTITY)
                .where(USER_IDENTITY.TENANT_ID.eq(tenant.value()))
                .and(USER_IDENTITY.USER_ID.eq(user.value()))
                .orderBy(USER_IDENTITY.LINKED_AT, USER_IDENTITY.ID)
                .fetch(JooqIdentityRepository::toDomain);
    }

    /**
     * One {@code insert ... on conflict (tenant_id, issuer, subject) do nothing}: on PostgreSQL a taken pair inserts
     * nothing and raises nothing, so the caller's transaction goes on (a concurrent insert of the same pair waits for
     * the other to commit or roll back). H2 renders a {@code merge}, which lets the later of two concurrent inserts
     * break the constraint instead; only that statement fails there, and it is answered the same way.
     */
    @Override
    public boolean insert(Identity identity) {
        return SqlErrors.unlessTaken(() -> dsl.insertInto(USER_IDENTITY)
                .set(USER_IDENTITY.ID, identity.id())
                .set(USER_IDENTITY.TENANT_ID, identity.tenantId().value())
                .set(USER_IDENTITY.USER_ID, identity.userId().value())
                .set(USER_IDENTITY.PROVIDER_NAME, identity.providerName())
                .set(USER_IDENTITY.ISSUER, identity.issuer())
                .set(USER_IDENTITY.SUBJECT, identity.subject())
                .set(USER_IDENTITY.EMAIL, identity.email())
                .set(USER_IDENTITY.LINKED_AT, identity.linkedAt())
                .onConflict(USER_IDENTITY.TENANT_ID, USER_IDENTITY.ISSUER, USER_IDENTITY.SUBJECT)
                .doNothing()
                .execute() == 1, SUBJECT_UNIQUE, taken -> false);
    }

    @Override
    public boolean delete(TenantId tenant, UserId user, UUID id) {
        return dsl.deleteFrom(USER_IDENTITY)
                .where(USER_IDENTITY.ID.eq(id))
                .and(USER_IDENTITY.TENANT_ID.eq(tenant.value()))
                .and(USER_IDENTITY.USER_ID.eq(user.value()))
                .execute() == 1;
    }

    private static Identity toDomain(Record r) {
        return new Identity(r.get(USER_IDENTITY.ID), new TenantId(r.get(USER_IDENTITY.TENANT_ID)),
                new UserId(r.get(USER_IDENTITY.USER_ID)), r.get(USER_IDENTITY.PROVIDER_NAME),
                r.get(USER_IDENTITY.ISSUER), r.get(USER_IDENTITY.SUBJECT), r.get(USER_IDENTITY.EMAIL),
                r.get(USER_IDENTITY.LINKED_AT));
    }
}
