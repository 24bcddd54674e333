package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.adapters.persistence.jooq.Tables.INVITATION;
import static dev.gatehouse.adapters.persistence.jooq.Tables.LOGIN_SOURCE;
import static dev.gatehouse.adapters.persistence.jooq.Tables.ONE_TIME_CODE;
import static dev.gatehouse.adapters.persistence.jooq.Tables.RATE_LIMIT_WINDOW;
import static dev.gatehouse.adapters.persistence.jooq.Tables.REFRESH_GRANT;
import static dev.gatehouse.adapters.persistence.jooq.Tables.USER_SESSION;

import dev.gatehouse.application.audit.port.out.HousekeepingStore;
import java.time.Instant;
import java.util.Arrays;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectConditionStep;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.TableLike;
import org.jooq.impl.DSL;

/**
 * Batched deletes of expired rows. Each statement deletes by primary key from a bounded, index-ordered selection
 * (wrapped in a derived table, since not every database accepts LIMIT directly inside IN), so a large backlog
 * never holds many row locks for long and the other processes' work goes on between batches.
 */
final class JooqHousekeeping extends JooqStore implements HousekeepingStore {
    JooqHousekeeping(DSLContext dsl) {
        super(dsl);
    }

    @Override
    public int deleteSessionsExpiredBefore(Instant before, int limit) {
        // refresh_grant rows of these sessions go with them (on delete cascade)
        return deleteOlderThan(USER_SESSION.EXPIRES_AT, before, limit, USER_SESSION.ID);
    }

    @Override
    public int deleteDeadRefreshGrants(Instant now, int limit) {
        return deleteBatch(REFRESH_GRANT.join(USER_SESSION).on(USER_SESSION.ID.eq(REFRESH_GRANT.SESSION_ID)),
                REFRESH_GRANT.USED_AT.isNull().and(REFRESH_GRANT.EXPIRES_AT.lt(now)).or(USER_SESSION.REVOKED_AT.isNotNull()),
                null, limit, REFRESH_GRANT.TOKEN_HASH);
    }

    @Override
    public int deleteCodesExpiredBefore(Instant before, int limit) {
        return deleteOlderThan(ONE_TIME_CODE.EXPIRES_AT, before, limit, ONE_TIME_CODE.ID);
    }

    @Override
    public int deleteRateLimitWindowsExpiredBefore(Instant before, int limit) {
        return deleteOlderThan(RATE_LIMIT_WINDOW.EXPIRES_AT, before, limit, RATE_LIMIT_WINDOW.BUCKET,
                RATE_LIMIT_WINDOW.WINDOW_START);
    }

    @Override
    public int deleteLoginSourcesLastSeenBefore(Instant before, int limit) {
        return deleteOlderThan(LOGIN_SOURCE.LAST_SUCCESS_AT, before, limit, LOGIN_SOURCE.ACCOUNT_KEY,
                LOGIN_SOURCE.SOURCE_KEY);
    }

    @Override
    public int deleteInvitationsExpiredBefore(Instant before, int limit) {
        return deleteOlderThan(INVITATION.EXPIRES_AT, before, limit, INVITATION.ID);
    }

    /** The rows whose {@code time} is before {@code before}, oldest first, at most {@code limit}. */
    private int deleteOlderThan(TableField<?, Instant> time, Instant before, int limit, TableField<?, ?>... key) {
        return deleteBatch(time.getTable(), time.lt(before), time, limit, key);
    }

    /**
     * Deletes from the table of {@code key} the rows of at most {@code limit} keys that {@code doomed} selects from
     * {@code from} (in {@code order}, when given: the index the selection walks).
     *
     * @param key the table's primary key, one column or several
     */
    private int deleteBatch(TableLike<?> from, Condition doomed, Field<?> order, int limit, TableField<?, ?>... key) {
        SelectConditionStep<Record> selected = DSL.select(key).from(from).where(doomed);
        Table<Record> batch = (order == null ? selected.limit(limit) : selected.orderBy(order).limit(limit))
                .asTable("doomed");
        Condition chosen;
        if (key.length == 1) {
            chosen = in(key[0], batch);
        } else {
            Field<?>[] batchKey = Arrays.stream(key).map(batch::field).toArray(Field<?>[]::new);
            chosen = DSL.row(key).in(DSL.select(batchKey).from(batch));
        }
        return dsl.deleteFrom(key[0].getTable()).where(chosen).execute();
    }

    private static <T> Condition in(Field<T> key, Table<?> batch) {
        return key.in(DSL.select(batch.field(key)).from(batch));
    }
}
