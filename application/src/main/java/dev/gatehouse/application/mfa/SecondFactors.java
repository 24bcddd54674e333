package dev.gatehouse.application.mfa;

import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.Clock;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.application.support.RateLimiter;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.InvalidCode;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.mfa.RecoveryCode;
import dev.gatehouse.domain.mfa.TotpCode;
import dev.gatehouse.domain.mfa.TotpFactor;
import dev.gatehouse.domain.mfa.TotpSecret;
import dev.gatehouse.domain.mfa.TotpStep;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.User;
import java.time.Instant;
import java.util.Optional;

/**
 * Checks a user's second-factor code, the one way every route does: counted against the user's cap of codes
 * ({@code mfaCodesPerUser}) before anything is compared; a TOTP code accepted only for a time step later than the
 * last one accepted (a single conditional update, so a code is good once, also across processes); a recovery code
 * used once. A wrong code is audited ({@code MFA_CHALLENGE_FAILED}, in a unit of work of its own, so that the
 * request's failure cannot roll it back) and answered {@link InvalidCode}. Codes never reach a log or an event.
 */
final class SecondFactors {
    private final MfaKit kit;
    private final RateLimiter limiter;
    private final AuditLog audit;
    private final TransactionRunner transactions;
    private final Clock clock;

    SecondFactors(MfaKit kit, RateLimiter limiter, AuditLog audit, TransactionRunner transactions, Clock clock) {
        this.kit = kit;
        this.limiter = limiter;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** How a step was proved, as the wire and the audit log name it. */
    enum Method {
        TOTP("totp"), RECOVERY_CODE("recovery_code");

        final String wireName;

        Method(String wireName) {
            this.wireName = wireName;
        }
    }

    /**
     * Proves the user with exactly one of a TOTP code and a recovery code.
     *
     * @param purpose what the proof is for, recorded with a failure ({@code signIn}, {@code disable}, ...)
     * @throws InvalidInput when neither or both are given
     * @throws InvalidCode for a wrong, used or replayed code, or a user without a confirmed factor
     */
    Method check(Tenant tenant, User user, Optional<TotpCode> code, Optional<RecoveryCode> recoveryCode,
                 ClientInfo client, String purpose) {
        if (code.isPresent() == recoveryCode.isPresent()) {
            throw new InvalidInput("code", "give either code (from the authenticator app) or recoveryCode");
        }
        limiter.beforeSecondFactorCheck(tenant, user.id(), client);
        Instant now = clock.now();
        if (code.isPresent()) {
            Optional<TotpFactor> factor = kit.factors().findTotp(tenant.id(), user.id()).filter(TotpFactor::isConfirmed);
            if (factor.isPresent() && acceptTotp(tenant, user, factor.get(), code.get(), now)) {
                limiter.secondFactorSucceeded(tenant, user.id());
                return Method.TOTP;
            }
            throw failed(tenant, user, client, purpose, Method.TOTP);
        }
        if (kit.factors().useRecoveryCode(tenant.id(), user.id(), recoveryCode.get().hash(user.id()), now)) {
            limiter.secondFactorSucceeded(tenant, user.id());
            record(MfaContext.event(tenant, AuditEventType.RECOVERY_CODE_USED, now, client, user)
                    .withDetail("purpose", purpose)
                    .withDetail("left", String.valueOf(kit.factors().countUnusedRecoveryCodes(tenant.id(), user.id()))));
            return Method.RECOVERY_CODE;
        }
        throw failed(tenant, user, client, purpose, Method.RECOVERY_CODE);
    }

    /** Whether {@code code} is right for the factor's secret now and its step had not been used (then it is, now). */
    boolean acceptTotp(Tenant tenant, User user, TotpFactor factor, TotpCode code, Instant now) {
        Optional<TotpStep> step = kit.totp().verify(secret(tenant, user, factor), code, now);
        return step.isPresent() && factor.acceptsStep(step.get())
                && kit.factors().recordUsedStep(tenant.id(), user.id(), step.get());
    }

    TotpSecret secret(Tenant tenant, User user, TotpFactor factor) {
        return factor.secret().open(tenant.id(), user.id(), kit.sealer()::open);
    }

    /** Records a wrong code; the caller throws what this returns. */
    InvalidCode failed(Tenant tenant, User user, ClientInfo client, String purpose, Method method) {
        record(MfaContext.event(tenant, AuditEventType.MFA_CHALLENGE_FAILED, clock.now(), client, user)
                .withDetail("purpose", purpose).withDetail("method", method.wireName));
        return new InvalidCode();
    }

    private void record(AuditEvent event) {
        transactions.inTransaction(() -> {
            audit.record(event);
            return null;
        });
    }
}
