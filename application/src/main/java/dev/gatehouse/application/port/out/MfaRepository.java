package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.mfa.RecoveryCodeHash;
import dev.gatehouse.domain.mfa.TotpFactor;
import dev.gatehouse.domain.mfa.TotpStep;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.UserId;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * Users' second factors: at most one TOTP factor per user (pending or confirmed; its secret only in sealed form,
 * as the caller sealed it), and the user's recovery codes by hash (the codes themselves are never stored).
 *
 * <p>Every method joins the caller's unit of work. Using a time step and using a recovery code are single
 * conditional updates with no prior read: of concurrent ones, in any process sharing the store, exactly one
 * succeeds. That is what keeps a TOTP code or a recovery code from being accepted twice.
 */
public interface MfaRepository {

    /** The user's TOTP factor, pending or confirmed. */
    Optional<TotpFactor> findTotp(TenantId tenantId, UserId userId);

    /**
     * Stores a pending enrolment ({@code pending} must not be confirmed), replacing the user's earlier pending
     * one; false, changing nothing, when the user has a confirmed factor.
     */
    boolean savePendingTotp(TotpFactor pending);

    /**
     * Confirms the user's pending factor at {@code now} and records {@code usedStep} (the step of the code that
     * proved it) as its last used step; false when there is no pending factor or the step is not later than its
     * last used one (of concurrent confirmations, exactly one succeeds).
     */
    boolean confirmTotp(TenantId tenantId, UserId userId, TotpStep usedStep, Instant now);

    /**
     * Records that a code of {@code step} was accepted, only if {@code step} is later than the confirmed factor's
     * last used step ({@link TotpFactor#acceptsStep}); true when this call recorded it. False when the step was
     * used already (or an earlier one after it), also by a concurrent call in another process, or when the user
     * has no confirmed factor. The caller accepts the code only on true.
     */
    boolean recordUsedStep(TenantId tenantId, UserId userId, TotpStep step);

    /** Deletes the user's TOTP factor (pending or confirmed) and all their recovery codes; whether a factor was there. */
    boolean deleteFactors(TenantId tenantId, UserId userId);

    /** Replaces all the user's recovery codes, used or not, by these, unused, issued at {@code now}. */
    void replaceRecoveryCodes(TenantId tenantId, UserId userId, Collection<RecoveryCodeHash> codes, Instant now);

    /**
     * Marks the user's recovery code with this hash used at {@code now}, if it is unused; true when this call used
     * it (of concurrent uses, exactly one).
     */
    boolean useRecoveryCode(TenantId tenantId, UserId userId, RecoveryCodeHash code, Instant now);

    /** How many of the user's recovery codes are still unused. */
    int countUnusedRecoveryCodes(TenantId tenantId, UserId userId);

    /** Which of these users of the tenant have a confirmed TOTP factor (one query for a page of users). */
    Set<UserId> withConfirmedTotp(TenantId tenantId, Collection<UserId> userIds);
}
