package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.adapters.persistence.jooq.Tables.LOGIN_SOURCE;
import static dev.gatehouse.adapters.persistence.jooq.Tables.ONE_TIME_CODE;
import static dev.gatehouse.adapters.persistence.jooq.Tables.RATE_LIMIT_WINDOW;
import static dev.gatehouse.adapters.persistence.jooq.Tables.REFRESH_GRANT;
import static dev.gatehouse.adapters.persistence.jooq.Tables.USER_SESSION;

import dev.gatehouse.application.audit.port.out.HousekeepingStore;
import java.time.Instant;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Batched deletes of expired rows. Each statement deletes by primary key from a bounded, index-ordered selection
 * (wrapped in a derived table, since not every database accepts LIMIT directly inside IN), so a large backlog
 * never holds many row locks for long and the other processes' work goes on between batches.
 */
final class JooqHousekeeping implements HousekeepingStore {
    private final DSLContext dsl;

    JooqHousekeeping(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public int deleteSessionsExpiredBefore(Instant before, int limit) {
        // refresh_grant rows of these sessions go with them (on delete cascade)
        Table<Record1<UUID>> doomed = DSL.select(USER_SESSION.ID).from(USER_SESSION)
                .where(USER_SESSION.EXPIRES_AT.lt(before))
                .orderBy(USER_SESSION.EXPIRES_AT).limit(limit).asTable("doomed");
        return dsl.deleteFrom(USER_SESSION)
                .where(USER_SESSION.ID.in(DSL.select(doomed.field(USER_SESSION.ID)).from(doomed)))
                .execute();
    }

    @Override
    public int deleteDeadRefreshGrants(Instant now, int limit) {
        Table<Record1<String>> doomed = DSL.select(REFRESH_GRANT.TOKEN_HASH).from(REFRESH_GRANT)
                .join(USER_SESSION).on(USER_SESSION.ID.eq(REFRESH_GRANT.SESSION_ID))
                .where(REFRESH_GRANT.USED_AT.isNull().and(REFRESH_GRANT.EXPIRES_AT.lt(now))
                        .or(USER_SESSION.REVOKED_AT.isNotNull()))
                .limit(limit).asTable("doomed");
        return dsl.deleteFrom(REFRESH_GRANT)
                .where(REFRESH_GRANT.TOKEN_HASH.in(DSL.select(doomed.field(REFRESH_GRANT.TOKEN_HASH)).from(doomed)))
                .execute();
    }

    @Override
    public int deleteCodesExpiredBefore(Instant before, int limit) {
        Table<Record1<UUID>> doomed = DSL.select(ONE_TIME_CODE.ID).from(ONE_TIME_CODE)
                .where(ONE_TIME_CODE.EXPIRES_AT.lt(before))
                .orderBy(ONE_TIME_CODE.EXPIRES_AT).limit(limit).asTable("doomed");
        return dsl.deleteFrom(ONE_TIME_CODE)
                .where(ONE_TIME_CODE.ID.in(DSL.select(doomed.field(ONE_TIME_CODE.ID)).from(doomed)))
                .execute();
    }

    @Override
    public int deleteRateLimitWindowsExpiredBefore(Instant before, int limit) {
        Table<Record2<String, Instant>> doomed = DSL.select(RATE_LIMIT_WINDOW.BUCKET, RATE_LIMIT_WINDOW.WINDOW_START)
                .from(RATE_LIMIT_WINDOW)
                .where(RATE_LIMIT_WINDOW.EXPIRES_AT.lt(before))
                .orderBy(RATE_LIMIT_WINDOW.EXPIRES_AT).limit(limit).asTable("doomed");
        Select<Record2<String, Instant>> keys = DSL.select(doomed.field(RATE_LIMIT_WINDOW.BUCKET),
                doomed.field(RATE_LIMIT_WINDOW.WINDOW_START)).from(doomed);
        return dsl.deleteFrom(RATE_LIMIT_WINDOW)
                .where(DSL.row(RATE_LIMIT_WINDOW.BUCKET, RATE_LIMIT_WINDOW.WINDOW_START).in(keys))
                .execute();
    }

    @Override
    public int deleteLoginSourcesLastSeenBefore(Instant before, int limit) {
        Table<Record2<String, String>> doomed = DSL.select(LOGIN_SOURCE.ACCOUNT_KEY, LOGIN_SOURCE.SOURCE_KEY)
                .from(LOGIN_SOURCE)
                .where(LOGIN_SOURCE.LAST_SUCCESS_AT.lt(before))
                .orderBy(LOGIN_SOURCE.LAST_SUCCESS_AT).limit(limit).asTable("doomed");
        Select<Record2<String, String>> keys = DSL.select(doomed.field(LOGIN_SOURCE.ACCOUNT_KEY),
                doomed.field(LOGIN_SOURCE.SOURCE_KEY)).from(doomed);
        return dsl.deleteFrom(LOGIN_SOURCE)
                .where(DSL.row(LOGIN_SOURCE.ACCOUNT_KEY, LOGIN_SOURCE.SOURCE_KEY).in(keys))
                .execute();
    }
}
