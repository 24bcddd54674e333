package dev.gatehouse.domain.mfa;

import dev.gatehouse.domain.Required;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.UserId;
import java.time.Instant;
import java.util.Optional;

/**
 * A user's TOTP factor (RFC 6238: HMAC-SHA-1, {@value TotpStep#SECONDS}-second steps, {@value TotpCode#DIGITS}
 * digits). A user has at most one. It starts <em>pending</em> (enrolled, the secret shown, not yet proved) and is
 * <em>confirmed</em> by the first right code; only a confirmed factor guards sign-in. The secret is held sealed.
 *
 * <p>Replay: the factor remembers the last time step whose code it accepted, and accepts a step only when it is
 * later ({@link #acceptsStep}), so a code seen by someone else cannot be used again inside its window. Stores
 * apply the same rule as one conditional update, so that it holds across concurrent requests and processes.
 */
public record TotpFactor(TenantId tenantId, UserId userId, SealedTotpSecret secret, Instant createdAt,
                         Optional<Instant> confirmedAt, Optional<TotpStep> lastUsedStep) {

    public TotpFactor {
        Required.nonNull("tenant id", tenantId, "user id", userId, "secret", secret, "created at", createdAt,
                "confirmed at", confirmedAt, "last used step", lastUsedStep);
    }

    /** A new, pending enrolment with a freshly made secret, sealed by the caller. */
    public static TotpFactor enrol(TenantId tenantId, UserId userId, SealedTotpSecret secret, Instant now) {
        return new TotpFactor(tenantId, userId, secret, now, Optional.empty(), Optional.empty());
    }

    /**
     * What binds a sealed secret to its user: sealing and opening with this context means a sealed value copied
     * to another user's row (or tenant) does not open.
     */
    public static String sealingContext(TenantId tenantId, UserId userId) {
        return "mfa-totp/" + tenantId + "/" + userId;
    }

    public boolean isConfirmed() {
        return confirmedAt.isPresent();
    }

    /** Whether a code of {@code step} may be accepted: only a step later than the last one accepted. */
    public boolean acceptsStep(TotpStep step) {
        return lastUsedStep.map(step::isAfter).orElse(true);
    }

    /**
     * The factor confirmed at {@code now} by a right code of {@code step}, which counts as used.
     *
     * @throws IllegalStateException when the factor is confirmed already or the step is not accepted
     */
    public TotpFactor confirm(TotpStep step, Instant now) {
        if (isConfirmed()) {
            throw new IllegalStateException("the factor is confirmed already");
        }
        return withUsedStep(step).withConfirmedAt(now);
    }

    /**
     * The factor after a code of {@code step} was accepted.
     *
     * @throws IllegalStateException when the step is not later than the last one accepted
     */
    public TotpFactor withUsedStep(TotpStep step) {
        if (!acceptsStep(step)) {
            throw new IllegalStateException("a code of this time step or an earlier one was accepted already");
        }
        return new TotpFactor(tenantId, userId, secret, createdAt, confirmedAt, Optional.of(step));
    }

    private TotpFactor withConfirmedAt(Instant now) {
        return new TotpFactor(tenantId, userId, secret, createdAt, Optional.of(now), lastUsedStep);
    }
}
