package dev.gatehouse.adapters.http.web;

import dev.gatehouse.application.apikeys.port.in.ApiKeysUseCase;
import dev.gatehouse.application.tenants.port.in.AuthenticateRootUseCase;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.tenant.Tenant;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Server-side credentials on root routes, turned into a {@link RootAuthority}:
 * <ul>
 *   <li>the tenant's root token as {@code Authorization: Bearer}, with the tenant selected as on any route
 *       of the family (every scope);</li>
 *   <li>a secret key ({@code sk_...}) as {@code X-API-Key} (native routes) or as {@code Authorization: Bearer}
 *       (both families): it names its own tenant; a publishable key given beside it must name the same
 *       tenant (the key's scopes).</li>
 * </ul>
 * Missing, unknown, revoked or contradictory credentials are 401 ({@link Unauthenticated}); an authority
 * without the route's scope is 403, decided before the route reads its body or path.
 */
public record RootCredentials(AuthenticateRootUseCase rootTokens, ApiKeysUseCase apiKeys, TenantSelector tenants) {
    static final String SECRET_KEY_PREFIX = "sk_";

    /**
     * A {@code /v1} root route.
     *
     * @throws dev.gatehouse.domain.error.NotPermitted when the authority lacks {@code scope}
     */
    public RootAuthority forNativeRoute(Context ctx, Scope scope) {
        String apiKey = ctx.header(TenantSelector.API_KEY_HEADER);
        String bearer = BearerToken.from(ctx);
        RootAuthority authority;
        if (apiKey != null && isSecretKey(apiKey.strip())) {
            if (bearer != null) {
                // two credentials: which one speaks is anybody's guess, so neither does
                throw new Unauthenticated(Unauthenticated.Reason.INVALID);
            }
            authority = bySecretKey(apiKey.strip(), tenants.besideSecretKey(ctx, true));
        } else if (isSecretKey(bearer)) {
            authority = bySecretKey(bearer, tenants.besideSecretKey(ctx, true));
        } else {
            Tenant tenant = tenants.forNativeRoute(ctx);
            authority = rootTokens.authenticateRoot(tenant.id(), bearer);
        }
        authority.require(scope);
        return authority.withClient(RequestClient.of(ctx));
    }

    /**
     * A StaticBackend root route ({@code /sudogettoken}): the root token or a secret key, both as
     * {@code Authorization: Bearer}.
     *
     * @throws dev.gatehouse.domain.error.NotPermitted when the authority lacks {@code scope}
     */
    public RootAuthority forCompatRoute(Context ctx, Scope scope) {
        String bearer = BearerToken.from(ctx);
        RootAuthority authority = isSecretKey(bearer)
                ? bySecretKey(bearer, tenants.besideSecretKey(ctx, false))
                : rootTokens.authenticateRoot(tenants.forCompatRoute(ctx).id(), bearer);
        authority.require(scope);
        return authority.withClient(RequestClient.of(ctx));
    }

    private RootAuthority bySecretKey(String secretKey, Optional<Tenant> named) {
        RootAuthority authority = apiKeys.authenticateSecretKey(secretKey);
        if (named.isPresent() && !named.get().id().equals(authority.tenantId())) {
            throw new Unauthenticated(Unauthenticated.Reason.INVALID);
        }
        return authority;
    }

    /**
     * Whether the request presents a secret key ({@code X-API-Key: sk_...} or {@code Authorization: Bearer sk_...}),
     * for routes that take either a user's access token or root credentials.
     */
    public static boolean presentsSecretKey(Context ctx) {
        String apiKey = ctx.header(TenantSelector.API_KEY_HEADER);
        return apiKey != null && isSecretKey(apiKey.strip()) || isSecretKey(BearerToken.from(ctx));
    }

    static boolean isSecretKey(String credential) {
        return credential != null && credential.startsWith(SECRET_KEY_PREFIX);
    }
}
