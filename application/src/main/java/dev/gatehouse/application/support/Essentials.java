package dev.gatehouse.application.support;

import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.Clock;
import dev.gatehouse.application.port.out.IdGenerator;
import dev.gatehouse.application.port.out.SecretGenerator;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.domain.Required;

/**
 * What every feature's use cases share: time, ids and secrets, the unit of work, the audit log, the rate limiter
 * and the server's settings. Built once by the composition root and handed to each feature's wiring class.
 */
public record Essentials(Clock clock, IdGenerator ids, SecretGenerator secrets, TransactionRunner transactions,
                         AuditLog audit, RateLimiter limiter, Settings settings) {
    public Essentials {
        Required.nonNull("clock", clock, "ids", ids, "secrets", secrets, "transactions", transactions,
                "audit", audit, "limiter", limiter, "settings", settings);
    }
}
