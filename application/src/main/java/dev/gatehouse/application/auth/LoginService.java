package dev.gatehouse.application.auth;

import dev.gatehouse.application.sessions.SessionIssuer;
import dev.gatehouse.application.support.RateLimiter;
import dev.gatehouse.application.tenants.TenantDirectory;

import dev.gatehouse.application.port.in.SignInOutcome;
import dev.gatehouse.application.auth.port.in.LoginUseCase;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.Clock;
import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.EmailNotVerified;
import dev.gatehouse.domain.error.InvalidCredentials;
import dev.gatehouse.domain.policy.PasswordPolicy;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.PasswordHash;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;
import java.util.Optional;

record LoginService(TenantDirectory tenants, UserRepository users, PasswordHasher hasher, SessionIssuer sessions,
                    TransactionRunner transactions, AuditLog audit, Clock clock, RateLimiter limiter)
        implements LoginUseCase {
    @Override
    public SignInOutcome login(Command command) {
        Tenant tenant = tenants.require(command.tenantId());
        PasswordPolicy.requireWithinHasherLimit(command.password(), hasher.maxPasswordBytes());
        // Counted before the user is looked up: the same limits, with the same cost, for unknown emails.
        limiter.beforeLogin(tenant, command.email(), command.client());
        Optional<User> found = users.findByEmail(tenant.id(), command.email());
        if (found.isEmpty()) {
            hasher.verifyDecoy(command.password()); // same cost as a real check: no timing oracle
            throw failed(command, null, "unknownEmail");
        }
        User user = found.get();
        if (!hasher.verify(command.password(), user.passwordHash())) {
            throw failed(command, user.id(), "wrongPassword");
        }
        if (!user.maySignIn()) {
            throw failed(command, user.id(), "userDisabled");
        }
        // Only after the password proved who is asking, so that this answer reveals nothing to anybody else.
        if (!user.emailVerified() && (tenant.settings().requireEmailVerification()
                || tenant.settings().signupEnumerationProtection())) {
            throw new EmailNotVerified();
        }
        // An outdated or imported hash is replaced by one with the current parameters, hashed here (slow, outside any
        // unit of work) and stored in the session's transaction below: both commit or neither does.
        Optional<PasswordHash> upgraded = hasher.needsRehash(user.passwordHash())
                ? Optional.of(hasher.hash(command.password())) : Optional.empty();
        // The session is bound to the stamp read above, before the slow hash check, and stored only if the user is
        // still unchanged: a sign-in overtaken by a reset, disable, removal or role change fails like a wrong password.
        // The gate decides whether the right password opens a session or asks for the second factor first.
        SessionIssuer.Pending pending = sessions.prepareSignIn(tenant, user, command.client());
        boolean stored = transactions.inTransaction(() -> {
            if (!sessions.persist(pending)) {
                return false;
            }
            // Only while the hash is still the one checked: never over a reset that committed meanwhile.
            upgraded.ifPresent(hash -> users.upgradePasswordHash(tenant.id(), user.id(), user.passwordHash(), hash));
            if (!pending.needsSecondStep()) {
                audit.record(AuditEvent.of(command.tenantId(), AuditEventType.LOGIN_SUCCEEDED, clock.now(),
                        command.client()).withActor(user.id()).withSubject(user.id()));
            }
            return true;
        });
        if (!stored) {
            throw failed(command, user.id(), "userChangedDuringSignIn");
        }
        limiter.loginSucceeded(tenant, command.email(), command.client());
        return sessions.complete(user, pending, command.profile());
    }

    /**
     * Records a failed login and answers the one error every failure gets: the caller cannot tell an unknown
     * email from a wrong password, but the audit log keeps the reason (and, for an unknown email, no subject but the
     * address typed).
     */
    private InvalidCredentials failed(Command command, UserId subject, String reason) {
        AuditEvent event = AuditEvent.of(command.tenantId(), AuditEventType.LOGIN_FAILED, clock.now(),
                command.client()).withDetail("reason", reason);
        // A known user is named by id only (ADR 0025); the address typed is kept only when it belongs to nobody.
        AuditEvent recorded = subject == null ? event.withDetail("email", command.email().value())
                : event.withSubject(subject);
        transactions.inTransaction(() -> {
            audit.record(recorded);
            return null;
        });
        return new InvalidCredentials();
    }
}
