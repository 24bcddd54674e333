package dev.gatehouse.application.oauth;

import dev.gatehouse.application.oauth.port.in.IdentitiesUseCase;
import dev.gatehouse.application.sessions.StepUp;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.IdentityConflict;
import dev.gatehouse.domain.error.ResourceNotFound;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.oauth.Identity;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.user.User;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The caller's own identities. Unlinking needs step-up, and never removes the last way to sign in: a user without a
 * password keeps at least one identity (decided under the user's row lock, so two concurrent unlinks cannot both
 * pass).
 */
record IdentitiesService(OAuthContext context, StepUp stepUp) implements IdentitiesUseCase {
    @Override
    public List<Identity> list(Principal principal) {
        return context.kit().identities().ofUser(principal.tenantId(), principal.userId());
    }

    @Override
    public void unlink(Principal principal, UUID identityId, ClientInfo client) {
        stepUp.require(principal);
        Instant now = context.essentials().clock().now();
        context.essentials().transactions().inTransaction(() -> {
            User user = context.users().findById(principal.tenantId(), principal.userId())
                    .orElseThrow(() -> new Unauthenticated(Unauthenticated.Reason.INVALID));
            if (!context.users().lockUnchanged(user.tenantId(), user.id(), user.securityStamp())) {
                throw new Unauthenticated(Unauthenticated.Reason.INVALID);
            }
            List<Identity> identities = context.kit().identities().ofUser(user.tenantId(), user.id());
            Identity target = identities.stream().filter(identity -> identity.id().equals(identityId)).findFirst()
                    .orElseThrow(() -> new ResourceNotFound("identity"));
            if (!user.passwordHash().isSet() && identities.size() == 1) {
                throw IdentityConflict.lastSignInMethod();
            }
            context.kit().identities().delete(user.tenantId(), user.id(), target.id());
            context.essentials().audit().record(AuditEvent.of(user.tenantId(), AuditEventType.IDENTITY_UNLINKED, now,
                    client).withActor(user.id()).withSubject(user.id()).withDetail("provider", target.providerName())
                    .withDetail("issuer", target.issuer()));
            return null;
        });
    }
}
