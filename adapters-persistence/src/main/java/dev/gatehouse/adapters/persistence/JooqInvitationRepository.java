package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.adapters.persistence.jooq.Tables.INVITATION;
import static org.jooq.impl.DSL.row;

import dev.gatehouse.application.invitations.port.out.InvitationRepository;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.invitation.Invitation;
import dev.gatehouse.domain.invitation.InvitationId;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Invitations in {@code invitation} (V19); every statement joins the caller's unit of work ({@link JooqStore}). Taking
 * is one {@code delete ... returning} with the token hash in its condition and no prior read: of concurrent takers, in
 * any process, each waits for the other's row lock, and once one deleted the row the others delete nothing. Pages
 * are ordered by (account_id, tenant_id, created, id), the order of V19's page index (see V4 on why H2 needs the fixed
 * columns first).
 */
final class JooqInvitationRepository extends JooqStore implements InvitationRepository {
    JooqInvitationRepository(DSLContext dsl) {
        super(dsl);
    }

    @Override
    public void insert(Invitation invitation) {
        dsl.insertInto(INVITATION)
                .set(INVITATION.ID, invitation.id().value())
                .set(INVITATION.TENANT_ID, invitation.tenantId().value())
                .set(INVITATION.ACCOUNT_ID, invitation.accountId().value())
                .set(INVITATION.EMAIL, invitation.email().value())
                .set(INVITATION.ROLE, invitation.role().level())
                .set(INVITATION.TOKEN_HASH, invitation.tokenHash())
                .set(INVITATION.INVITED_BY, invitation.invitedBy().map(UserId::value).orElse(null))
                .set(INVITATION.CREATED, invitation.created())
                .set(INVITATION.EXPIRES_AT, invitation.expiresAt())
                .execute();
    }

    @Override
    public boolean replace(Invitation invitation) {
        return dsl.update(INVITATION)
                .set(INVITATION.ROLE, invitation.role().level())
                .set(INVITATION.TOKEN_HASH, invitation.tokenHash())
                .set(INVITATION.INVITED_BY, invitation.invitedBy().map(UserId::value).orElse(null))
                .set(INVITATION.EXPIRES_AT, invitation.expiresAt())
                .where(byId(invitation.tenantId(), invitation.id()))
                .execute() == 1;
    }

    @Override
    public Optional<Invitation> findById(TenantId tenant, InvitationId id) {
        return dsl.selectFrom(INVITATION).where(byId(tenant, id)).fetchOptional(JooqInvitationRepository::toDomain);
    }

    @Override
    public Optional<Invitation> findByTokenHash(TenantId tenant, String tokenHash) {
        return dsl.selectFrom(INVITATION)
                .where(INVITATION.TOKEN_HASH.eq(tokenHash).and(INVITATION.TENANT_ID.eq(tenant.value())))
                .fetchOptional(JooqInvitationRepository::toDomain);
    }

    @Override
    public Optional<Invitation> findByAddress(TenantId tenant, AccountId account, EmailAddress email) {
        return dsl.selectFrom(INVITATION)
                .where(INVITATION.TENANT_ID.eq(tenant.value()).and(INVITATION.ACCOUNT_ID.eq(account.value()))
                        .and(INVITATION.EMAIL.eq(email.value())))
                .fetchOptional(JooqInvitationRepository::toDomain);
    }

    @Override
    public List<Invitation> findPending(TenantId tenant, AccountId account, Instant now, Optional<Position> after,
                                        int limit) {
        if (limit < 1 || limit > 100) {
            throw new IllegalArgumentException("limit must be between 1 and 100");
        }
        Condition where = inAccount(tenant, account).and(INVITATION.EXPIRES_AT.gt(now));
        if (after.isPresent()) {
            where = where.and(row(INVITATION.CREATED, INVITATION.ID).gt(after.get().created(), after.get().id().value()));
        }
        return dsl.selectFrom(INVITATION).where(where)
                .orderBy(INVITATION.ACCOUNT_ID, INVITATION.TENANT_ID, INVITATION.CREATED, INVITATION.ID)
                .limit(limit)
                .fetch(JooqInvitationRepository::toDomain);
    }

    @Override
    public Optional<Invitation> take(TenantId tenant, InvitationId id, String tokenHash) {
        return dsl.deleteFrom(INVITATION)
                .where(byId(tenant, id).and(INVITATION.TOKEN_HASH.eq(tokenHash)))
                .returning()
                .fetchOptional()
                .map(JooqInvitationRepository::toDomain);
    }

    @Override
    public boolean delete(TenantId tenant, InvitationId id) {
        return dsl.deleteFrom(INVITATION).where(byId(tenant, id)).execute() == 1;
    }

    @Override
    public int deleteAllOfAccount(TenantId tenant, AccountId account) {
        return dsl.deleteFrom(INVITATION).where(inAccount(tenant, account)).execute();
    }

    @Override
    public int deleteAllInvitedBy(TenantId tenant, UserId inviter) {
        return dsl.deleteFrom(INVITATION)
                .where(INVITATION.TENANT_ID.eq(tenant.value()).and(INVITATION.INVITED_BY.eq(inviter.value())))
                .execute();
    }

    @Override
    public int deleteAllTo(TenantId tenant, EmailAddress email) {
        return dsl.deleteFrom(INVITATION)
                .where(INVITATION.TENANT_ID.eq(tenant.value()).and(INVITATION.EMAIL.eq(email.value())))
                .execute();
    }

    private static Condition byId(TenantId tenant, InvitationId id) {
        return INVITATION.ID.eq(id.value()).and(INVITATION.TENANT_ID.eq(tenant.value()));
    }

    private static Condition inAccount(TenantId tenant, AccountId account) {
        return INVITATION.ACCOUNT_ID.eq(account.value()).and(INVITATION.TENANT_ID.eq(tenant.value()));
    }

    private static Invitation toDomain(Record r) {
        return new Invitation(new InvitationId(r.get(INVITATION.ID)), new TenantId(r.get(INVITATION.TENANT_ID)),
                new AccountId(r.get(INVITATION.ACCOUNT_ID)), new EmailAddress(r.get(INVITATION.EMAIL)),
                Role.fromLevel(r.get(INVITATION.ROLE)), r.get(INVITATION.TOKEN_HASH),
                Optional.ofNullable(r.get(INVITATION.INVITED_BY)).map(UserId::new), r.get(INVITATION.CREATED),
                r.get(INVITATION.EXPIRES_AT));
    }
}
