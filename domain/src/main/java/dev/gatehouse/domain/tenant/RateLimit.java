package dev.gatehouse.domain.tenant;

import dev.gatehouse.domain.error.InvalidInput;
import java.time.Duration;

/** At most {@code limit} events per {@code window} (a fixed or sliding window: the limiter decides). */
public record RateLimit(int limit, Duration window) {
    public static final int MAX_LIMIT = 1_000_000;
    public static final Duration MIN_WINDOW = Duration.ofSeconds(1);
    public static final Duration MAX_WINDOW = Duration.ofDays(1);

    public RateLimit {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInput("rateLimits.limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (window == null || window.compareTo(MIN_WINDOW) < 0 || window.compareTo(MAX_WINDOW) > 0) {
            throw new InvalidInput("rateLimits.windowSeconds", "must be between 1 and " + MAX_WINDOW.toSeconds()
                    + " seconds");
        }
        if (window.toNanos() % 1_000_000_000L != 0) {
            throw new InvalidInput("rateLimits.windowSeconds", "must be a whole number of seconds");
        }
    }

    public static RateLimit perMinute(int limit) {
        return new RateLimit(limit, Duration.ofMinutes(1));
    }

    public static RateLimit perHour(int limit) {
        return new RateLimit(limit, Duration.ofHours(1));
    }
}
