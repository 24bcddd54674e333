package dev.gatehouse.application.mfa;

import dev.gatehouse.application.mfa.port.in.ReauthenticateUseCase;
import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.policy.PasswordPolicy;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.Password;
import dev.gatehouse.domain.user.User;
import java.time.Instant;
import java.util.Optional;

/**
 * Renews the step-up time of the caller's session with the password (under the same throttles as a password
 * change) or a TOTP code (under the second-factor throttles, and good once like every code).
 */
record ReauthenticateService(MfaContext context, PasswordHasher hasher) implements ReauthenticateUseCase {
    @Override
    public void reauthenticate(Principal principal, Command command) {
        if (command.password().isPresent() == command.code().isPresent()) {
            throw new InvalidInput("password", "give either password or code (from the authenticator app)");
        }
        Tenant tenant = context.tenants().require(principal.tenantId());
        User user = context.users().findById(tenant.id(), principal.userId()).filter(User::maySignIn)
                .orElseThrow(() -> new Unauthenticated(Unauthenticated.Reason.INVALID));
        String method;
        if (command.password().isPresent()) {
            Password password = command.password().get();
            PasswordPolicy.requireWithinHasherLimit(password, hasher.maxPasswordBytes());
            context.essentials().limiter().beforePasswordCheck(tenant, user.email(), command.client());
            if (!hasher.verify(password, user.passwordHash())) {
                throw new InvalidInput("password", "is not the current password");
            }
            context.essentials().limiter().loginSucceeded(tenant, user.email(), command.client());
            method = "password";
        } else {
            method = context.secondFactors().check(tenant, user, command.code(), Optional.empty(), command.client(),
                    "reauthentication").wireName;
        }
        Instant now = context.essentials().clock().now();
        context.essentials().transactions().inTransaction(() -> {
            if (!context.sessions().stepUp().renew(principal)) {
                throw new Unauthenticated(Unauthenticated.Reason.INVALID);
            }
            context.essentials().audit().record(MfaContext.event(tenant, AuditEventType.REAUTHENTICATED, now,
                    command.client(), user).withDetail("method", method));
            return null;
        });
    }
}
