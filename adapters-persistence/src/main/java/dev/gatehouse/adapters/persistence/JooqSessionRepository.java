package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.adapters.persistence.jooq.Tables.USER_SESSION;

import dev.gatehouse.application.port.out.SessionRepository;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.RevocationReason;
import dev.gatehouse.domain.session.Session;
import dev.gatehouse.domain.session.SessionId;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.SecurityStamp;
import dev.gatehouse.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record3;
import org.jooq.ResultQuery;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Sessions in {@code user_session}. Revocations are conditional updates ({@code revoked_at is null}), so the
 * first revocation of a session is the one that stays, whichever process makes it. On PostgreSQL each revocation
 * also records the id of its transaction ({@code revoked_xid}, V13), which the revocation feed reads by.
 */
final class JooqSessionRepository extends JooqStore implements SessionRepository {
    /** H2's feed re-reads this far behind the newest revocation seen (one process: only its own commit delays). */
    static final Duration H2_FEED_OVERLAP = Duration.ofSeconds(5);
    /** The current transaction's id (assigned by the revoking write itself), as a bigint. */
    private static final Field<Long> CURRENT_XID = DSL.field("pg_current_xact_id()::text::bigint", SQLDataType.BIGINT);
    /** The oldest transaction that may still be open: every transaction below it has ended, committed or not. */
    private static final Field<Long> SNAPSHOT_XMIN =
            DSL.field("pg_snapshot_xmin(pg_current_snapshot())::text::bigint", SQLDataType.BIGINT);

    private final boolean postgres;

    JooqSessionRepository(DSLContext dsl) {
        super(dsl);
        this.postgres = dsl.dialect().family() == SQLDialect.POSTGRES;
    }

    /** What a revoking statement writes into {@code revoked_xid}: its transaction's id on PostgreSQL, null on H2. */
    private Field<Long> revokingXid() {
        return postgres ? CURRENT_XID : DSL.castNull(SQLDataType.BIGINT);
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
                .set(USER_SESSION.REVOKED_XID, session.isRevoked() ? revokingXid() : DSL.castNull(SQLDataType.BIGINT))
                .set(USER_SESSION.SECURITY_STAMP, session.securityStamp().value())
                .set(USER_SESSION.PROVED_AT, session.provedAt())
                .execute();
    }

    @Override
    public boolean restamp(TenantId tenantId, SessionId id, SecurityStamp from, SecurityStamp to) {
        return dsl.update(USER_SESSION)
                .set(USER_SESSION.SECURITY_STAMP, to.value())
                .where(USER_SESSION.TENANT_ID.eq(tenantId.value()).and(USER_SESSION.ID.eq(id.value())))
                .and(USER_SESSION.SECURITY_STAMP.eq(from.value()))
                .and(USER_SESSION.REVOKED_AT.isNull())
                .execute() == 1;
    }

    @Override
    public boolean markProved(TenantId tenantId, SessionId id, Instant at) {
        return dsl.update(USER_SESSION)
                .set(USER_SESSION.PROVED_AT, at)
                .where(USER_SESSION.TENANT_ID.eq(tenantId.value()).and(USER_SESSION.ID.eq(id.value())))
                .and(USER_SESSION.REVOKED_AT.isNull())
                .execute() == 1;
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
                .set(USER_SESSION.REVOKED_XID, revokingXid())
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
                .set(USER_SESSION.REVOKED_XID, revokingXid())
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

    /**
     * PostgreSQL: the cursor is a transaction id. The oldest transaction that may still be open (the snapshot's
     * xmin) is read first; every transaction below it has ended, so its revocations are visible to the read that
     * follows, and the next read starts from it: a revocation whose transaction is still open now has an id at or
     * above it, and is read once it commits, however late. H2 (one process, no other writer to wait for): the
     * cursor is the newest {@code revoked_at} seen, re-read {@link #H2_FEED_OVERLAP} back.
     */
    @Override
    public RevocationBatch readRevocations(FeedCursor after, Instant now) {
        boolean start = after.equals(FeedCursor.START);
        if (postgres) {
            long xmin = dsl.select(SNAPSHOT_XMIN).fetchSingle().value1();
            List<RevokedSession> found = (start ? revokedSince(Instant.EPOCH, now) : revokedByXidFrom(after.position(), now))
                    .fetch(JooqSessionRepository::toRevoked);
            return new RevocationBatch(found, new FeedCursor(Math.max(xmin, after.position())));
        }
        Instant since = start ? Instant.EPOCH : micros(after.position()).minus(H2_FEED_OVERLAP);
        List<RevokedSession> found = revokedSince(since, now).fetch(JooqSessionRepository::toRevoked);
        long newest = found.stream().mapToLong(r -> micros(r.revokedAt())).max().orElse(Long.MIN_VALUE);
        return new RevocationBatch(found, new FeedCursor(Math.max(newest, after.position())));
    }

    /** H2's feed query and PostgreSQL's first read, on its own so that a test can check its plan. */
    ResultQuery<Record3<UUID, Instant, Instant>> revokedSince(Instant since, Instant now) {
        return dsl.select(USER_SESSION.ID, USER_SESSION.REVOKED_AT, USER_SESSION.EXPIRES_AT)
                .from(USER_SESSION)
                .where(USER_SESSION.REVOKED_AT.ge(since))
                .and(USER_SESSION.EXPIRES_AT.gt(now));
    }

    /** PostgreSQL's feed query, on its own so that a test can check its plan: a range scan of user_session_revoked_xid_idx. */
    ResultQuery<Record3<UUID, Instant, Instant>> revokedByXidFrom(long xid, Instant now) {
        return dsl.select(USER_SESSION.ID, USER_SESSION.REVOKED_AT, USER_SESSION.EXPIRES_AT)
                .from(USER_SESSION)
                .where(USER_SESSION.REVOKED_XID.ge(xid))
                .and(USER_SESSION.EXPIRES_AT.gt(now));
    }

    private static RevokedSession toRevoked(Record3<UUID, Instant, Instant> r) {
        return new RevokedSession(new SessionId(r.value1()), r.value2(), r.value3());
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    private static Instant micros(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
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
                Optional.ofNullable(r.get(USER_SESSION.REVOCATION_REASON)).map(RevocationReason::valueOf),
                new SecurityStamp(r.get(USER_SESSION.SECURITY_STAMP)), r.get(USER_SESSION.PROVED_AT));
    }
}
