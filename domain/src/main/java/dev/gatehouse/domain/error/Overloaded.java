package dev.gatehouse.domain.error;

import java.time.Duration;
import java.util.Objects;

/**
 * The server is at capacity for this kind of work (password hashing) and refuses more at once rather
 * than queueing it: the caller should try again after {@link #retryAfter()}. Nothing was done.
 */
public final class Overloaded extends DomainError {
    private final Duration retryAfter;

    public Overloaded(Duration retryAfter) {
        super("the server is busy with other sign-ins; try again in a moment");
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative");
        }
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
