package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.adapters.persistence.jooq.Tables.REFRESH_GRANT;

import dev.gatehouse.application.sessions.port.out.RefreshGrantRepository;
import dev.gatehouse.domain.session.RefreshGrant;
import dev.gatehouse.domain.session.SessionId;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;

/** Refresh grants in {@code refresh_grant}, keyed by the token's hash; they go when their session goes. */
final class JooqRefreshGrantRepository extends JooqStore implements RefreshGrantRepository {
    JooqRefreshGrantRepository(DSLContext dsl) {
        super(dsl);
    }

    @Override
    public void insert(RefreshGrant grant) {
        dsl.insertInto(REFRESH_GRANT)
                .set(REFRESH_GRANT.TOKEN_HASH, grant.tokenHash())
                .set(REFRESH_GRANT.SESSION_ID, grant.sessionId().value())
                .set(REFRESH_GRANT.CREATED_AT, grant.createdAt())
                .set(REFRESH_GRANT.EXPIRES_AT, grant.expiresAt())
                .set(REFRESH_GRANT.USED_AT, grant.usedAt().orElse(null))
                .execute();
    }

    @Override
    public Optional<RefreshGrant> findByHash(String tokenHash) {
        return dsl.selectFrom(REFRESH_GRANT)
                .where(REFRESH_GRANT.TOKEN_HASH.eq(tokenHash))
                .fetchOptional(JooqRefreshGrantRepository::toDomain);
    }

    @Override
    public boolean markUsed(String tokenHash, Instant now) {
        // One conditional update, no prior read: of concurrent callers, in any process, the database lets exactly
        // one change the row; the others wait for its row lock and then find used_at set.
        return dsl.update(REFRESH_GRANT)
                .set(REFRESH_GRANT.USED_AT, now)
                .where(REFRESH_GRANT.TOKEN_HASH.eq(tokenHash))
                .and(REFRESH_GRANT.USED_AT.isNull())
                .execute() == 1;
    }

    private static RefreshGrant toDomain(Record r) {
        return new RefreshGrant(r.get(REFRESH_GRANT.TOKEN_HASH), new SessionId(r.get(REFRESH_GRANT.SESSION_ID)),
                r.get(REFRESH_GRANT.CREATED_AT), r.get(REFRESH_GRANT.EXPIRES_AT),
                Optional.ofNullable(r.get(REFRESH_GRANT.USED_AT)));
    }
}
