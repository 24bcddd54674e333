package dev.gatehouse.adapters.persistence;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The mail outbox's backlog, for the operator's metrics: how many mails wait to be delivered (pending, due or
 * waiting for a retry) and when the oldest of them was recorded (empty when none waits).
 */
public record OutboxBacklog(long pending, Optional<Instant> oldestPendingSince) {
    public OutboxBacklog {
        if (pending < 0) {
            throw new IllegalArgumentException("pending must not be negative");
        }
        Objects.requireNonNull(oldestPendingSince, "oldestPendingSince");
    }
}
