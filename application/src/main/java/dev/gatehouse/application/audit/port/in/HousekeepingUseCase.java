package dev.gatehouse.application.audit.port.in;

import java.time.Duration;
import java.util.Map;

/**
 * Removes what has expired: sessions, dead refresh grants, one-time codes, finished outbox mail, rate-limit
 * windows, stale sign-in sources, and audit events older than the retention period. Safe to run from every
 * process at once; each run is bounded.
 */
public interface HousekeepingUseCase {

    /** @return rows deleted per kind (only kinds with deletions) */
    Map<String, Integer> runOnce(Duration auditRetention);
}
