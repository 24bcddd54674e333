package dev.gatehouse.application.recovery;

import dev.gatehouse.application.support.Credentials;
import dev.gatehouse.application.support.Essentials;

import dev.gatehouse.application.sessions.SessionRevocations;

import dev.gatehouse.application.recovery.port.in.ChangePasswordUseCase;
import dev.gatehouse.application.port.out.SessionRepository;
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

record ChangePasswordService(RecoveryKit kit, UserRepository users, SessionRepository sessions,
                             SessionRevocations revocations, Credentials credentials, Essentials essentials)
        implements ChangePasswordUseCase {
    @Override
    public int change(Principal principal, Password currentPassword, Password newPassword, ClientInfo client) {
        Tenant tenant = kit.tenants().require(principal.tenantId());
        PasswordPolicy.requireWithinHasherLimit(currentPassword, credentials.hasher().maxPasswordBytes());
        User user = users.findById(tenant.id(), principal.userId()).filter(User::maySignIn)
                .orElseThrow(() -> new Unauthenticated(Unauthenticated.Reason.INVALID));
        essentials.limiter().beforePasswordCheck(tenant, user.email(), client);
        if (!credentials.hasher().verify(currentPassword, user.passwordHash())) {
            throw new InvalidInput("currentPassword", "is not the current password");
        }
        essentials.limiter().loginSucceeded(tenant, user.email(), client);
        tenant.settings().passwordPolicy().checkNewPassword(newPassword, user.email(),
                credentials.hasher().maxPasswordBytes(), credentials.commonPasswords());
        PasswordHash hash = credentials.hasher().hash(newPassword);
        Instant now = essentials.clock().now();
        List<Session> ended = essentials.transactions().inTransaction(() -> {
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
            kit.mail().send(tenant, MailKind.PASSWORD_CHANGED, user.email(), Map.of("changedAt", now.toString()));
            essentials.audit().record(AuditEvent.of(tenant.id(), AuditEventType.PASSWORD_CHANGED, now, client)
                    .withActor(user.id()).withSubject(user.id())
                    .withDetail("sessionsEnded", String.valueOf(others.size())));
            return others;
        });
        ended.forEach(revocations::revokedHere);
        return ended.size();
    }
}
