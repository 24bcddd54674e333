package dev.gatehouse.domain.error;

import java.time.Duration;

/**
 * The database the server keeps its data in cannot be reached right now (stopped, restarting, cut off, or every
 * connection busy for longer than the pool wait): the request was refused before it changed anything, or its unit of
 * work was rolled back whole. The caller should try again after {@link #RETRY_AFTER}. Raised by storage adapters,
 * never by the domain's own rules.
 */
public final class StorageUnavailable extends DomainError {
    /** A database restart usually takes a few seconds: the hint a refused caller gets. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    public StorageUnavailable() {
        super("the server cannot reach its database right now; try again in a moment");
    }

    public Duration retryAfter() {
        return RETRY_AFTER;
    }
}
