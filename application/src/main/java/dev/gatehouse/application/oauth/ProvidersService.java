package dev.gatehouse.application.oauth;

import dev.gatehouse.application.oauth.port.in.OAuthProvidersUseCase;
import dev.gatehouse.application.oauth.port.out.OAuthProtocol;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.error.ResourceNotFound;
import dev.gatehouse.domain.oauth.OAuthProvider;
import dev.gatehouse.domain.oauth.ProviderType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Admin CRUD of a tenant's sign-in providers. A provider is checked before it is stored (an OpenID Connect issuer's
 * discovery document must be readable and name the same issuer), so a typo fails at once rather than at the first
 * user's sign-in. Outside dev mode the server must know its public URL and every issuer must use https.
 */
record ProvidersService(OAuthContext context) implements OAuthProvidersUseCase {
    @Override
    public OAuthProvider put(PutCommand command) {
        RootAuthority authority = command.authority();
        authority.require(Scope.SETTINGS_ADMIN);
        context.requireCallback();
        ProviderType type = ProviderType.fromWireName(command.type());
        String name = OAuthProvider.requireName(command.name());
        var providers = context.kit().providers();
        Optional<OAuthProvider> existing = providers.find(authority.tenantId(), name);
        String secret = command.clientSecret() != null && !command.clientSecret().isBlank() ? command.clientSecret()
                : existing.map(OAuthProvider::clientSecret).orElseThrow(() ->
                        new InvalidInput("clientSecret", "is required"));
        Instant now = context.essentials().clock().now();
        OAuthProvider provider = new OAuthProvider(authority.tenantId(), name, type, command.clientId(), secret,
                command.issuer(), command.scopes(), Boolean.TRUE.equals(command.linkByVerifiedEmail()), now);
        if (provider.isInsecure() && !context.devMode()) {
            throw new InvalidInput("issuer", "must be an https URL (plain http is allowed in dev mode only)");
        }
        if (existing.isEmpty() && providers.list(authority.tenantId()).size() >= OAuthProvider.MAX_PROVIDERS) {
            throw new InvalidInput("name", "a tenant has at most " + OAuthProvider.MAX_PROVIDERS + " providers");
        }
        try {
            context.kit().protocol().check(provider);
        } catch (OAuthProtocol.ProviderFailure e) {
            throw new InvalidInput("issuer", e.getMessage());
        }
        context.essentials().transactions().inTransaction(() -> {
            providers.put(provider);
            context.essentials().audit().record(authority.auditEvent(AuditEventType.OAUTH_PROVIDER_CHANGED, now)
                    .withDetail("provider", name).withDetail("type", type.wireName())
                    .withDetail("issuer", provider.identityIssuer())
                    .withDetail("clientKeyReplaced", String.valueOf(!secret.equals(
                            existing.map(OAuthProvider::clientSecret).orElse(null)))));
            return null;
        });
        return provider;
    }

    @Override
    public List<OAuthProvider> list(RootAuthority authority) {
        authority.require(Scope.SETTINGS_ADMIN);
        return context.kit().providers().list(authority.tenantId());
    }

    @Override
    public OAuthProvider get(RootAuthority authority, String name) {
        authority.require(Scope.SETTINGS_ADMIN);
        return context.kit().providers().find(authority.tenantId(), OAuthProvider.requireName(name))
                .orElseThrow(() -> new ResourceNotFound("sign-in provider"));
    }

    @Override
    public void delete(RootAuthority authority, String name) {
        authority.require(Scope.SETTINGS_ADMIN);
        String checked = OAuthProvider.requireName(name);
        Instant now = context.essentials().clock().now();
        boolean deleted = context.essentials().transactions().inTransaction(() -> {
            if (!context.kit().providers().delete(authority.tenantId(), checked)) {
                return false;
            }
            context.essentials().audit().record(authority.auditEvent(AuditEventType.OAUTH_PROVIDER_DELETED, now)
                    .withDetail("provider", checked));
            return true;
        });
        if (!deleted) {
            throw new ResourceNotFound("sign-in provider");
        }
    }
}
