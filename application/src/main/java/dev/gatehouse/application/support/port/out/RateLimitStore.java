package dev.gatehouse.application.support.port.out;

import java.time.Duration;
import java.time.Instant;

/**
 * Hit counters in fixed windows, shared by every process on one database: what the sliding-window rate limits
 * are computed from. A bucket is an opaque key (the application passes a hash, never an email or an address).
 * Each call stands alone (no surrounding unit of work is needed, and none should be open): a counter is never
 * rolled back with the request it counted.
 */
public interface RateLimitStore {

    /**
     * Counts one hit in the window of {@code bucket} that starts at {@code windowStart} (atomically, also against
     * other processes), then answers the hits of that window and of the one before it.
     *
     * @param window the length of a window; a row is kept at least until two windows have passed
     */
    WindowCounts hit(String bucket, Instant windowStart, Duration window);

    /**
     * Marks the window as tripped (over its limit). True only for the first call per bucket and window, in
     * any process: what makes "record once per key per window" exact.
     */
    boolean trip(String bucket, Instant windowStart);

    /** Forgets every window of the bucket (a successful sign-in resets its failure counter). */
    void reset(String bucket);

    /** Deletes windows that no limit reads any more; answers how many. */
    int deleteExpired(Instant now);

    /** Hits of the current and of the previous window. */
    record WindowCounts(long current, long previous) {
        public WindowCounts {
            if (current < 0 || previous < 0) {
                throw new IllegalArgumentException("hit counts are never negative");
            }
        }
    }
}
