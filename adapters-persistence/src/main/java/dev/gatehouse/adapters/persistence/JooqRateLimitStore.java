package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.adapters.persistence.jooq.Tables.RATE_LIMIT_WINDOW;

import dev.gatehouse.application.port.out.RateLimitStore;
import java.time.Duration;
import java.time.Instant;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.exception.DataAccessException;

/**
 * Window counters in {@code rate_limit_window}. A hit is one upsert that adds 1 in the database (PostgreSQL:
 * {@code insert ... on conflict do update}; H2: {@code merge}), so concurrent hits from any number of processes
 * are all counted; then one read of the current and the previous window.
 */
final class JooqRateLimitStore implements RateLimitStore {
    /** Two first hits of a new window may both try to insert on H2; the loser retries as an update. */
    private static final int ATTEMPTS = 3;

    private final DSLContext dsl;

    JooqRateLimitStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public WindowCounts hit(String bucket, Instant windowStart, Duration window) {
        Instant previousStart = windowStart.minus(window);
        for (int attempt = 1; ; attempt++) {
            try {
                dsl.insertInto(RATE_LIMIT_WINDOW)
                        .set(RATE_LIMIT_WINDOW.BUCKET, bucket)
                        .set(RATE_LIMIT_WINDOW.WINDOW_START, windowStart)
                        .set(RATE_LIMIT_WINDOW.HITS, 1L)
                        .set(RATE_LIMIT_WINDOW.TRIPPED, false)
                        .set(RATE_LIMIT_WINDOW.EXPIRES_AT, windowStart.plus(window.multipliedBy(2)))
                        .onDuplicateKeyUpdate()
                        .set(RATE_LIMIT_WINDOW.HITS, RATE_LIMIT_WINDOW.HITS.plus(1L))
                        .execute();
                break;
            } catch (DataAccessException e) {
                if (attempt >= ATTEMPTS || !SqlErrors.isUniqueViolation(e)) {
                    throw e;
                }
            }
        }
        long current = 0;
        long previous = 0;
        for (Record2<Instant, Long> row : dsl.select(RATE_LIMIT_WINDOW.WINDOW_START, RATE_LIMIT_WINDOW.HITS)
                .from(RATE_LIMIT_WINDOW)
                .where(RATE_LIMIT_WINDOW.BUCKET.eq(bucket))
                .and(RATE_LIMIT_WINDOW.WINDOW_START.in(windowStart, previousStart))
                .fetch()) {
            if (row.value1().equals(windowStart)) {
                current = row.value2();
            } else {
                previous = row.value2();
            }
        }
        return new WindowCounts(Math.max(current, 1), previous);
    }

    @Override
    public boolean trip(String bucket, Instant windowStart) {
        return dsl.update(RATE_LIMIT_WINDOW)
                .set(RATE_LIMIT_WINDOW.TRIPPED, true)
                .where(RATE_LIMIT_WINDOW.BUCKET.eq(bucket))
                .and(RATE_LIMIT_WINDOW.WINDOW_START.eq(windowStart))
                .and(RATE_LIMIT_WINDOW.TRIPPED.isFalse())
                .execute() == 1;
    }

    @Override
    public void reset(String bucket) {
        dsl.deleteFrom(RATE_LIMIT_WINDOW).where(RATE_LIMIT_WINDOW.BUCKET.eq(bucket)).execute();
    }

    @Override
    public int deleteExpired(Instant now) {
        return dsl.deleteFrom(RATE_LIMIT_WINDOW).where(RATE_LIMIT_WINDOW.EXPIRES_AT.lt(now)).execute();
    }
}
