package dev.gatehouse.application.mfa;

import dev.gatehouse.application.mfa.port.in.ResetMfaUseCase;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.UserNotFound;
import dev.gatehouse.domain.mail.MailKind;
import dev.gatehouse.domain.policy.TargetUserPolicy;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.RevocationReason;
import dev.gatehouse.domain.session.Session;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An administrator removes a user's factors and recovery codes and ends their sessions; the user is told by mail. */
record ResetMfaService(MfaContext context) implements ResetMfaUseCase {
    @Override
    public void reset(RootAuthority authority, UserId userId, ClientInfo client) {
        authority.require(Scope.USERS_WRITE);
        Tenant tenant = context.tenants().require(authority.tenantId());
        Instant now = context.essentials().clock().now();
        List<Session> ended = context.essentials().transactions().inTransaction(() -> {
            User user = context.users().findById(tenant.id(), userId).orElseThrow(UserNotFound::new);
            TargetUserPolicy.checkMayActOn(authority.asActor(), user);
            if (!context.users().lockUnchanged(tenant.id(), user.id(), user.securityStamp())) {
                throw new UserNotFound(); // deleted or changed meanwhile: the caller reads it again
            }
            boolean had = context.kit().factors().deleteFactors(tenant.id(), user.id());
            context.kit().challenges().deleteForUser(tenant.id(), user.id());
            List<Session> revoked = context.sessionStore().revokeAllOfUser(tenant.id(), user.id(), Optional.empty(),
                    RevocationReason.MFA_CHANGED, now);
            context.essentials().audit().record(AuditEvent.of(tenant.id(), AuditEventType.MFA_RESET_BY_ADMIN, now,
                    client).withActor(authority.actor()).withSubject(user.id())
                    .withDetail("hadFactor", String.valueOf(had))
                    .withDetail("sessionsEnded", String.valueOf(revoked.size())));
            if (had) {
                context.notice(tenant, user, MailKind.MFA_DISABLED, now);
            }
            return revoked;
        });
        ended.forEach(context.sessions().revocations()::revokedHere);
    }
}
