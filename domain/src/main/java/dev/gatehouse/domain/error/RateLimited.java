package dev.gatehouse.domain.error;

import java.time.Duration;
import java.util.Objects;

/**
 * Too many requests of one kind from one client, for one account or for one tenant: try again after
 * {@link #retryAfter()}. The message names no account and no limit, so it reveals nothing about who exists.
 */
public final class RateLimited extends DomainError {
    private final Duration retryAfter;

    public RateLimited(Duration retryAfter) {
        super("too many requests: try again later");
        Objects.requireNonNull(retryAfter, "retryAfter");
        this.retryAfter = retryAfter.isNegative() ? Duration.ZERO : retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds, rounded up, at least 1: the value of a {@code Retry-After} header. */
    public long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
