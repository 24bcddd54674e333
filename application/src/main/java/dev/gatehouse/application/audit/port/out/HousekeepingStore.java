package dev.gatehouse.application.audit.port.out;

import java.time.Instant;

/**
 * Deletes rows that no rule reads any more, across tenants, in bounded batches: each call deletes at most
 * {@code limit} rows (oldest first where there is an order) in one short statement and answers how many; fewer
 * than {@code limit} means none are left. Calls need no unit of work of their own.
 */
public interface HousekeepingStore {

    /** Sessions that expired before {@code before}; their refresh grants go with them. */
    int deleteSessionsExpiredBefore(Instant before, int limit);

    /**
     * Refresh grants that can no longer do anything: unused ones that expired before {@code now}, and every grant
     * of a revoked session. Used grants of a live session stay: presenting one again is how theft is detected.
     */
    int deleteDeadRefreshGrants(Instant now, int limit);

    /** One-time codes that expired before {@code before}, used or not. */
    int deleteCodesExpiredBefore(Instant before, int limit);

    /** Rate-limit windows that expired before {@code before}. */
    int deleteRateLimitWindowsExpiredBefore(Instant before, int limit);

    /** Known sign-in sources last seen before {@code before}. */
    int deleteLoginSourcesLastSeenBefore(Instant before, int limit);

    /** Invitations that expired before {@code before} (accepted and revoked ones are deleted at once). */
    int deleteInvitationsExpiredBefore(Instant before, int limit);
}
