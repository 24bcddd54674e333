package dev.gatehouse.application.oauth;

import dev.gatehouse.application.oauth.port.in.IdentitiesUseCase;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.IdentityConflict;
import dev.gatehouse.domain.error.InvalidCode;
import dev.gatehouse.domain.error.ResourceNotFound;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.oauth.Identity;
import dev.gatehouse.domain.oauth.OAuthGrant;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.User;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The caller's own identities. Linking and unlinking need step-up. A link completes only with the access token of
 * the user who started it. Unlinking never removes the last way to sign in: a user without a password keeps at least
 * one identity (decided under the user's row lock, so two concurrent unlinks cannot both pass).
 */
record IdentitiesService(OAuthContext context) implements IdentitiesUseCase {
    @Override
    public List<Identity> list(Principal principal) {
        return context.kit().identities().ofUser(principal.tenantId(), principal.userId());
    }

    @Override
    public Identity confirmLink(Principal principal, String code, ClientInfo client) {
        context.stepUp().require(principal);
        Tenant tenant = context.tenants().require(principal.tenantId());
        StartService.requireProvenMailbox(tenant, principal, context.users());
        context.essentials().limiter().beforeProviderSignIn(tenant, client);
        if (code == null || !code.startsWith(CallbackService.LINK_CODE_PREFIX) || code.length() > 100) {
            throw new InvalidCode();
        }
        Instant now = context.essentials().clock().now();
        OAuthGrant grant = context.kit().flows().takeGrant(tenant.id(), OAuthGrant.Kind.LINK, OAuthContext.hash(code))
                .filter(found -> !found.isExpired(now))
                .filter(found -> found.userId().equals(principal.userId()))
                .orElseThrow(InvalidCode::new);
        Identity identity = new Identity(context.essentials().ids().newId(), tenant.id(), principal.userId(),
                grant.providerName(), grant.profile().issuer(), grant.profile().subject(), grant.profile().email(), now);
        return context.essentials().transactions().inTransaction(() -> {
            if (!context.kit().identities().insert(identity)) {
                // linked meanwhile (by another link of the caller's, or to somebody else)
                return context.kit().identities().find(tenant.id(), identity.issuer(), identity.subject())
                        .filter(existing -> existing.userId().equals(principal.userId()))
                        .orElseThrow(IdentityConflict::linkedElsewhere);
            }
            context.essentials().audit().record(AuditEvent.of(tenant.id(), AuditEventType.IDENTITY_LINKED, now, client)
                    .withActor(principal.userId()).withSubject(principal.userId())
                    .withDetail("provider", identity.providerName()).withDetail("issuer", identity.issuer())
                    .withDetail("by", "signedInUser"));
            return identity;
        });
    }

    @Override
    public void unlink(Principal principal, UUID identityId, ClientInfo client) {
        context.stepUp().require(principal);
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
