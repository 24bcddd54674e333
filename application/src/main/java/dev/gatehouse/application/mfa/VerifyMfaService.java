package dev.gatehouse.application.mfa;

import dev.gatehouse.application.mfa.port.in.VerifyMfaUseCase;
import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.sessions.SessionIssuer;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.InvalidCode;
import dev.gatehouse.domain.error.InvalidMfaToken;
import dev.gatehouse.domain.mfa.MfaChallenge;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.User;
import java.time.Instant;

/**
 * The second step of a sign-in. The {@code mfaToken} is bound to its tenant and user, lives 5 minutes, dies after
 * 5 wrong codes and is spent by the right one, in the unit of work that stores the session (so exactly one of two
 * concurrent right answers opens a session). Wrong codes also count per user across tokens and processes
 * ({@code mfaCodesPerUser}). No password is hashed here.
 */
record VerifyMfaService(MfaContext context) implements VerifyMfaUseCase {
    @Override
    public Authenticated verify(Command command) {
        Tenant tenant = context.tenants().require(command.tenantId());
        Instant now = context.essentials().clock().now();
        MfaContext.Challenged challenged = context.challenged(tenant, command.mfaToken(), MfaChallenge.Purpose.VERIFY,
                now);
        String hash = challenged.hash();
        User user = challenged.user();
        SecondFactors.Method method;
        try {
            method = context.secondFactors().check(tenant, user, command.code(), command.recoveryCode(),
                    command.client(), "signIn");
        } catch (InvalidCode wrong) {
            context.kit().challenges().recordFailure(hash); // commits on its own: no unit of work is open here
            throw wrong;
        }
        SessionIssuer issuer = context.sessions().issuer();
        SessionIssuer.Pending session = issuer.prepareAfterSecondFactor(user, command.client());
        boolean stored = context.essentials().transactions().inTransaction(() -> {
            if (!context.kit().challenges().spend(hash, now) || !issuer.persist(session)) {
                return false;
            }
            context.essentials().audit().record(MfaContext.event(tenant, AuditEventType.LOGIN_SUCCEEDED, now,
                    command.client(), user).withDetail("secondFactor", method.wireName));
            return true;
        });
        if (!stored) {
            throw new InvalidMfaToken(); // spent by a concurrent request, or the user changed since the first step
        }
        return issuer.completeSession(user, session, command.profile());
    }
}
