package dev.gatehouse.domain.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The sliding-window approximation of a rate limit over fixed, epoch-aligned windows: the hits of the current
 * window plus the previous window's hits weighted by how much of it still lies within one window length of now.
 * Two counters per key instead of a log of every hit, and no burst of twice the limit at a window boundary as a
 * plain fixed window would allow.
 */
public final class SlidingWindow {
    private SlidingWindow() {
    }

    /** The start of the fixed window holding {@code now}: windows are aligned to the epoch, the same in every process. */
    public static Instant windowStart(Instant now, Duration window) {
        long length = window.toMillis();
        long millis = now.toEpochMilli();
        return Instant.ofEpochMilli(Math.floorDiv(millis, length) * length);
    }

    /**
     * Decides a hit that has already been counted.
     *
     * @param limit    the most hits allowed per window length
     * @param current  hits of the current window, this one included
     * @param previous hits of the previous window
     * @param elapsed  how far into the current window now is
     * @return allowed, or denied with how long to wait until one more hit would be allowed (no further hits assumed)
     */
    public static Decision decide(int limit, long current, long previous, Duration elapsed, Duration window) {
        Objects.requireNonNull(elapsed, "elapsed");
        double length = window.toMillis();
        double into = Math.min(Math.max(elapsed.toMillis(), 0), length);
        double estimate = previous * (1 - into / length) + current;
        if (estimate <= limit) {
            return Decision.ALLOWED;
        }
        // The hit was counted: the next one is allowed once the estimate, plus that one hit, is within the limit.
        double wait;
        if (current + 1 <= limit && previous > 0) {
            // still within this window, while the previous window's weight fades
            wait = length * (1 - (limit - current - 1) / (double) previous) - into;
        } else {
            // in the next window, while this window's weight fades
            double next = limit <= 1 ? length : length * (1 - (limit - 1) / (double) current);
            wait = (length - into) + Math.max(next, 0);
        }
        return Decision.deny(Duration.ofMillis((long) Math.ceil(Math.max(wait, 1))));
    }

    /** Allowed, or denied with the wait until the next hit would be allowed. */
    public record Decision(boolean allowed, Duration retryAfter) {
        public static final Decision ALLOWED = new Decision(true, Duration.ZERO);

        static Decision deny(Duration retryAfter) {
            return new Decision(false, retryAfter);
        }
    }
}
