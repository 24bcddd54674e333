package dev.gatehouse.domain.mail;

import dev.gatehouse.domain.Required;
import java.time.Duration;
import java.time.Instant;

/**
 * When to try a mail again, and when to give up. The n-th failed attempt waits {@code firstRetry * 2^(n-1)},
 * capped at {@code maxRetryDelay}; a mail still undelivered {@code giveUpAfter} after it was recorded is
 * given up (its codes have expired by then anyway).
 */
public record MailDeliveryPolicy(Duration firstRetry, Duration maxRetryDelay, Duration giveUpAfter) {
    public static final MailDeliveryPolicy DEFAULT =
            new MailDeliveryPolicy(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofHours(24));

    public MailDeliveryPolicy {
        Required.nonNull("first retry", firstRetry, "max retry delay", maxRetryDelay, "give up after", giveUpAfter);
        if (firstRetry.isNegative() || firstRetry.isZero() || maxRetryDelay.compareTo(firstRetry) < 0
                || giveUpAfter.isNegative() || giveUpAfter.isZero()) {
            throw new IllegalArgumentException("retry delays and the give-up time must be positive, max >= first");
        }
    }

    /** When to try again after the given (1-based) failed attempt. */
    public Instant nextAttempt(int failedAttempts, Instant now) {
        int doublings = Math.max(0, Math.min(failedAttempts - 1, 30));
        Duration delay = firstRetry.multipliedBy(1L << doublings);
        if (delay.compareTo(maxRetryDelay) > 0 || delay.isNegative()) {
            delay = maxRetryDelay;
        }
        return now.plus(delay);
    }

    /** True when a mail recorded at {@code createdAt} is no longer worth sending. */
    public boolean givesUp(Instant createdAt, Instant now) {
        return !now.isBefore(createdAt.plus(giveUpAfter));
    }
}
