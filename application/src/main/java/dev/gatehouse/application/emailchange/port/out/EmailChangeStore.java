package dev.gatehouse.application.emailchange.port.out;

import dev.gatehouse.domain.emailchange.EmailChangeRevert;
import dev.gatehouse.domain.emailchange.PendingEmailChange;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.UserId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Email changes waiting for their code (at most one per user) and the reverts of confirmed ones, stored by the hashes
 * of their secrets. Taking a pending change, counting a wrong code and using a revert are single conditional
 * statements, so that of concurrent requests, in any process, at most one succeeds and no wrong try is lost. Rows go
 * with their user (deleting a user deletes them).
 */
public interface EmailChangeStore {

    /** Deletes the user's earlier pending change, if any, and stores this one. */
    void replacePending(PendingEmailChange change);

    /** The user's pending change, whatever its state. */
    Optional<PendingEmailChange> findPending(TenantId tenantId, UserId userId);

    /**
     * Counts one wrong code against this pending change (a change that replaced it is left alone); the number of
     * wrong tries after this one, 0 when there is no such change.
     */
    int recordFailedAttempt(TenantId tenantId, UserId userId, UUID id);

    /**
     * Deletes this pending change if it is still live at {@code now} (not expired, fewer than
     * {@link PendingEmailChange#MAX_FAILED_ATTEMPTS} wrong tries); true when this call took it.
     */
    boolean takePending(TenantId tenantId, UserId userId, UUID id, Instant now);

    /** Deletes the user's pending change; true when there was one. */
    boolean deletePending(TenantId tenantId, UserId userId);

    void insertRevert(EmailChangeRevert revert);

    /** The revert with this token hash in the tenant, whatever its state. */
    Optional<EmailChangeRevert> findRevert(TenantId tenantId, String tokenHash);

    /** Marks the revert used if it is unused and unexpired at {@code now}; true when this call used it. */
    boolean useRevert(TenantId tenantId, String tokenHash, Instant now);

    /**
     * Marks used, at {@code now}, every unused revert of the user created after {@code after} (the reverts of later
     * changes, which an earlier revert undoes too); how many.
     */
    int voidRevertsAfter(TenantId tenantId, UserId userId, Instant after, Instant now);

    /**
     * Deletes, of every tenant, the pending changes that expired or ran out of tries by {@code now} and the reverts
     * that expired by then; how many.
     */
    int deleteExpired(Instant now);

    /** Deletes every pending change and revert of the user (the user is being deleted); how many. */
    int deleteAllOfUser(TenantId tenantId, UserId userId);
}
