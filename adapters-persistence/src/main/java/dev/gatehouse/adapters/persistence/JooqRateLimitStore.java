package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.adapters.persistence.jooq.Tables.RATE_LIMIT_WINDOW;

import dev.gatehouse.application.support.port.out.RateLimitStore;
import java.time.Duration;
import java.time.Instant;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.impl.DSL;

/**
 * Window counters in {@code rate_limit_window}. A hit is one upsert that adds 1 in the database (PostgreSQL:
 * {@code insert ... on conflict do update}; H2: {@code merge}), so concurrent hits from any number of processes
 * are all counted, then, in the same unit of work, one read of the current and the previous window.
 *
 * <p>A hit commits on its own ({@link #committedAlone}), the deliberate exception to "stores never commit": a
 * refused or failing request must not roll its own count back (ADR 0017). Tripping, resetting and purging join
 * the caller's unit of work like every other store's statements.
 */
final class JooqRateLimitStore extends JooqStore implements RateLimitStore {
    JooqRateLimitStore(DSLContext dsl, DSLContext separate) {
        super(dsl, separate);
    }

    @Override
    public WindowCounts hit(String bucket, Instant windowStart, Duration window) {
        // One unit of work: the upsert's row lock is held until the read, so each concurrent hit reads the count
        // its own increment produced (and a limit of N lets exactly N through), in any process.
        return SqlErrors.upsertRetrying(() -> committedAlone(configuration -> count(DSL.using(configuration), bucket,
                windowStart, window)));
    }

    private static WindowCounts count(DSLContext tx, String bucket, Instant windowStart, Duration window) {
        tx.insertInto(RATE_LIMIT_WINDOW)
                .set(RATE_LIMIT_WINDOW.BUCKET, bucket)
                .set(RATE_LIMIT_WINDOW.WINDOW_START, windowStart)
                .set(RATE_LIMIT_WINDOW.HITS, 1L)
                .set(RATE_LIMIT_WINDOW.TRIPPED, false)
                .set(RATE_LIMIT_WINDOW.EXPIRES_AT, windowStart.plus(window.multipliedBy(2)))
                .onDuplicateKeyUpdate()
                .set(RATE_LIMIT_WINDOW.HITS, RATE_LIMIT_WINDOW.HITS.plus(1L))
                .execute();
        long current = 0;
        long previous = 0;
        for (Record2<Instant, Long> row : tx.select(RATE_LIMIT_WINDOW.WINDOW_START, RATE_LIMIT_WINDOW.HITS)
                .from(RATE_LIMIT_WINDOW)
                .where(RATE_LIMIT_WINDOW.BUCKET.eq(bucket))
                .and(RATE_LIMIT_WINDOW.WINDOW_START.in(windowStart, windowStart.minus(window)))
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
