package dev.gatehouse.domain.mfa;

import java.time.Duration;
import java.time.Instant;

/**
 * A TOTP time step (RFC 6238): the number of whole {@value #SECONDS}-second periods since the Unix epoch. A
 * code is computed for one step; a user's factor remembers the last step it accepted, so that no code is
 * accepted twice.
 */
public record TotpStep(long value) implements Comparable<TotpStep> {
    public static final int SECONDS = 30;
    public static final Duration LENGTH = Duration.ofSeconds(SECONDS);

    public TotpStep {
        if (value < 0) {
            throw new IllegalArgumentException("a time step cannot be negative");
        }
    }

    /** The step that {@code instant} falls in. */
    public static TotpStep at(Instant instant) {
        return new TotpStep(Math.floorDiv(instant.getEpochSecond(), SECONDS));
    }

    /** The instant the step begins. */
    public Instant start() {
        return Instant.ofEpochSecond(value * SECONDS);
    }

    public TotpStep previous() {
        return new TotpStep(value - 1);
    }

    public TotpStep next() {
        return new TotpStep(value + 1);
    }

    public boolean isAfter(TotpStep other) {
        return value > other.value;
    }

    @Override
    public int compareTo(TotpStep other) {
        return Long.compare(value, other.value);
    }
}
