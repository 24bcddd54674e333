package dev.gatehouse.application.support;

import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.Clock;
import dev.gatehouse.application.port.out.IdGenerator;
import dev.gatehouse.application.port.out.SecretGenerator;
import dev.gatehouse.application.port.out.TransactionRunner;
import java.util.Objects;

/**
 * What every feature's use cases share: time, ids and secrets, the unit of work, the audit log, the rate limiter
 * and the server's settings. Built once by the composition root and handed to each feature's wiring class.
 */
public record Essentials(Clock clock, IdGenerator ids, SecretGenerator secrets, TransactionRunner transactions,
                         AuditLog audit, RateLimiter limiter, Settings settings) {
    public Essentials {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(limiter, "limiter");
        Objects.requireNonNull(settings, "settings");
    }
}
