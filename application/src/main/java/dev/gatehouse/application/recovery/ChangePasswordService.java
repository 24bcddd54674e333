package dev.gatehouse.application.recovery;

import dev.gatehouse.application.support.Credentials;
import dev.gatehouse.application.support.Essentials;

import dev.gatehouse.application.mail.MailComposer;
import dev.gatehouse.application.sessions.SessionRevocations;
import dev.gatehouse.application.support.RateLimiter;
import dev.gatehouse.application.tenants.TenantDirectory;

import dev.gatehouse.application.recovery.port.in.ChangePasswordUseCase;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.Clock;
import dev.gatehouse.application.port.out.CommonPasswordList;
import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.application.port.out.SessionRepository;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.mail.MailKind;
import dev.gatehouse.domain.policy.PasswordPolicy;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.session.RevocationReason;
import dev.gatehouse.domain.session.Session;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.Password;
import dev.gatehouse.domain.user.PasswordHash;
import dev.gatehouse.domain.user.User;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class ChangePasswordService implements ChangePasswordUseCase {
    private final TenantDirectory tenants;
    private final UserRepository users;
    private final SessionRepository sessions;
    private final SessionRevocations revocations;
    private final PasswordHasher hasher;
    private final MailComposer mail;
    private final AuditLog audit;
    private final TransactionRunner transactions;
    private final Clock clock;
    private final CommonPasswordList commonPasswords;

    private final RateLimiter limiter;

    ChangePasswordService(RecoveryKit kit, UserRepository users, SessionRepository sessions,
                          SessionRevocations revocations, Credentials credentials, Essentials essentials) {
        this.limiter = essentials.limiter();
        this.tenants = kit.tenants();
        this.users = users;
        this.sessions = sessions;
        this.revocations = revocations;
        this.hasher = credentials.hasher();
        this.mail = kit.mail();
        this.audit = essentials.audit();
        this.transactions = essentials.transactions();
        this.clock = essentials.clock();
        this.commonPasswords = credentials.commonPasswords();
    }

    @Override
    public int change(Principal principal, Password currentPassword, Password newPassword, ClientInfo client) {
        Tenant tenant = tenants.require(principal.tenantId());
        PasswordPolicy.requireWithinHasherLimit(currentPassword, hasher.maxPasswordBytes());
        User user = users.findById(tenant.id(), principal.userId()).filter(User::maySignIn)
                .orElseThrow(() -> new Unauthenticated(Unauthenticated.Reason.INVALID));
        limiter.beforePasswordCheck(tenant, user.email(), client);
        if (!hasher.verify(currentPassword, user.passwordHash())) {
            throw new InvalidInput("currentPassword", "is not the current password");
        }
        limiter.loginSucceeded(tenant, user.email(), client);
        tenant.settings().passwordPolicy().checkNewPassword(newPassword, user.email(), hasher.maxPasswordBytes(),
                commonPasswords);
        PasswordHash hash = hasher.hash(newPassword);
        Instant now = clock.now();
        List<Session> ended = transactions.inTransaction(() -> {
            // The current password was checked against the user as read above: if a reset, disable or other
            // session-ending change came since, this change is refused rather than applied over it.
            if (!users.lockUnchanged(tenant.id(), user.id(), user.securityStamp())) {
                throw new Unauthenticated(Unauthenticated.Reason.INVALID);
            }
            users.updatePasswordHash(tenant.id(), user.id(), hash);
            List<Session> others = sessions.revokeAllOfUser(tenant.id(), user.id(),
                    Optional.of(principal.sessionId()), RevocationReason.PASSWORD_CHANGED, now);
            // The session that made the change stays, bound to the new stamp (if it was bound to the old one).
            users.findById(tenant.id(), user.id()).ifPresent(changed -> sessions.restamp(tenant.id(),
                    principal.sessionId(), user.securityStamp(), changed.securityStamp()));
            mail.send(tenant, MailKind.PASSWORD_CHANGED, user.email(), Map.of("changedAt", now.toString()));
            audit.record(AuditEvent.of(tenant.id(), AuditEventType.PASSWORD_CHANGED, now, client)
                    .withActor(user.id()).withSubject(user.id())
                    .withDetail("sessionsEnded", String.valueOf(others.size())));
            return others;
        });
        ended.forEach(revocations::revokedHere);
        return ended.size();
    }
}
