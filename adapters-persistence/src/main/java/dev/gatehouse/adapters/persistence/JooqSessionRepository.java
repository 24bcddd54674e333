package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.adapters.persistence.jooq.Tables.USER_SESSION;

import dev.gatehouse.application.port.out.SessionRepository;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.RevocationReason;
import dev.gatehouse.domain.session.Session;
import dev.gatehouse.domain.session.SessionId;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Record3;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;

/**
 * Sessions in {@code user_session}. Revocations are conditional updates ({@code revoked_at is null}), so the
 * first revocation of a session is the one that stays, whichever process makes it.
 */
final class JooqSessionRepository implements SessionRepository {
    private final DSLContext dsl;

    JooqSessionRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void insert(Session session) {
        dsl.insertInto(USER_SESSION)
                .set(USER_SESSION.ID, session.id().value())
                .set(USER_SESSION.TENANT_ID, session.tenantId().value())
                .set(USER_SESSION.USER_ID, session.userId().value())
                .set(USER_SESSION.ACCOUNT_ID, session.accountId().value())
                .set(USER_SESSION.IP_ADDRESS, session.client().ipAddress())
                .set(USER_SESSION.USER_AGENT, session.client().userAgent())
                .set(USER_SESSION.CREATED_AT, session.createdAt())
                .set(USER_SESSION.LAST_USED_AT, session.lastUsedAt())
                .set(USER_SESSION.EXPIRES_AT, session.expiresAt())
                .set(USER_SESSION.REVOKED_AT, session.revokedAt().orElse(null))
                .set(USER_SESSION.REVOCATION_REASON, session.revocationReason().map(Enum::name).orElse(null))
                .execute();
    }

    @Override
    public Optional<Session> findById(TenantId tenantId, SessionId id) {
        return dsl.selectFrom(USER_SESSION)
                .where(USER_SESSION.TENANT_ID.eq(tenantId.value()).and(USER_SESSION.ID.eq(id.value())))
                .fetchOptional(JooqSessionRepository::toDomain);
    }

    @Override
    public List<Session> findActiveByUser(TenantId tenantId, UserId userId, Instant now) {
        return dsl.selectFrom(USER_SESSION)
                .where(ofUser(tenantId, userId))
                .and(USER_SESSION.REVOKED_AT.isNull())
                .and(USER_SESSION.EXPIRES_AT.gt(now))
                .orderBy(USER_SESSION.CREATED_AT.desc(), USER_SESSION.ID.desc())
                .fetch(JooqSessionRepository::toDomain);
    }

    @Override
    public boolean revoke(TenantId tenantId, SessionId id, RevocationReason reason, Instant now) {
        return dsl.update(USER_SESSION)
                .set(USER_SESSION.REVOKED_AT, now)
                .set(USER_SESSION.REVOCATION_REASON, reason.name())
                .where(USER_SESSION.TENANT_ID.eq(tenantId.value()).and(USER_SESSION.ID.eq(id.value())))
                .and(USER_SESSION.REVOKED_AT.isNull())
                .execute() == 1;
    }

    @Override
    public List<Session> revokeAllOfUser(TenantId tenantId, UserId userId, Optional<SessionId> keep,
                                         RevocationReason reason, Instant now) {
        // One statement that reports the rows it changed (RETURNING on PostgreSQL, FINAL TABLE on H2): a session
        // revoked concurrently by another caller is neither overwritten nor reported here.
        return dsl.update(USER_SESSION)
                .set(USER_SESSION.REVOKED_AT, now)
                .set(USER_SESSION.REVOCATION_REASON, reason.name())
                .where(ofUser(tenantId, userId))
                .and(USER_SESSION.REVOKED_AT.isNull())
                .and(keep.map(k -> USER_SESSION.ID.ne(k.value())).orElse(DSL.noCondition()))
                .returning()
                .fetch()
                .map(JooqSessionRepository::toDomain);
    }

    @Override
    public void touch(TenantId tenantId, SessionId id, Instant now) {
        dsl.update(USER_SESSION)
                .set(USER_SESSION.LAST_USED_AT, now)
                .where(USER_SESSION.TENANT_ID.eq(tenantId.value()).and(USER_SESSION.ID.eq(id.value())))
                .execute();
    }

    @Override
    public List<RevokedSession> findRevokedSince(Instant since, Instant now) {
        return revokedSince(since, now).fetch(r -> new RevokedSession(new SessionId(r.value1()), r.value2(), r.value3()));
    }

    /** The feed's query, on its own so that a test can check its plan: a range scan of user_session_revoked_at_idx. */
    ResultQuery<Record3<UUID, Instant, Instant>> revokedSince(Instant since, Instant now) {
        return dsl.select(USER_SESSION.ID, USER_SESSION.REVOKED_AT, USER_SESSION.EXPIRES_AT)
                .from(USER_SESSION)
                .where(USER_SESSION.REVOKED_AT.ge(since))
                .and(USER_SESSION.EXPIRES_AT.gt(now))
                .orderBy(USER_SESSION.REVOKED_AT); // no tie-breaker: the index order alone, no sort step
    }

    private static Condition ofUser(TenantId tenantId, UserId userId) {
        return USER_SESSION.TENANT_ID.eq(tenantId.value()).and(USER_SESSION.USER_ID.eq(userId.value()));
    }

    private static Session toDomain(Record r) {
        return new Session(new SessionId(r.get(USER_SESSION.ID)), new TenantId(r.get(USER_SESSION.TENANT_ID)),
                new UserId(r.get(USER_SESSION.USER_ID)), new AccountId(r.get(USER_SESSION.ACCOUNT_ID)),
                new ClientInfo(r.get(USER_SESSION.IP_ADDRESS), r.get(USER_SESSION.USER_AGENT)),
                r.get(USER_SESSION.CREATED_AT), r.get(USER_SESSION.LAST_USED_AT), r.get(USER_SESSION.EXPIRES_AT),
                Optional.ofNullable(r.get(USER_SESSION.REVOKED_AT)),
                Optional.ofNullable(r.get(USER_SESSION.REVOCATION_REASON)).map(RevocationReason::valueOf));
    }
}
