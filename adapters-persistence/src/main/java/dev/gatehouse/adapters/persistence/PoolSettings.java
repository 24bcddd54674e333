package dev.gatehouse.adapters.persistence;

import java.time.Duration;

/**
 * How the connection pool of a {@link Database} behaves under load and during outages (ADR 0030).
 *
 * @param connectionWait how long a request waits for a pooled connection before it is refused with
 *                       {@link dev.gatehouse.domain.error.StorageUnavailable} (503): when every connection is busy,
 *                       and when the database is gone (the pool then has none to give)
 */
public record PoolSettings(Duration connectionWait) {
    /** HikariCP refuses a shorter wait. */
    public static final Duration MIN_WAIT = Duration.ofMillis(250);
    public static final PoolSettings DEFAULT = new PoolSettings(Duration.ofMillis(1500));

    public PoolSettings {
        if (connectionWait == null || connectionWait.compareTo(MIN_WAIT) < 0) {
            throw new IllegalArgumentException("the connection wait must be at least 250ms");
        }
    }

    /**
     * How long a pooled connection that sat idle for a moment is checked before a request gets it: half the wait, at
     * least 250 ms, so that a request handed a dead connection still finds another (or gives up) within the wait.
     */
    Duration validationTimeout() {
        Duration half = connectionWait.dividedBy(2);
        return half.compareTo(MIN_WAIT) < 0 ? MIN_WAIT : half;
    }
}
