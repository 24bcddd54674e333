package dev.gatehouse.adapters.http.apikeys;

import io.javalin.http.HandlerType;
import dev.gatehouse.adapters.http.Endpoints;
import dev.gatehouse.adapters.http.RequestContext;
import dev.gatehouse.adapters.http.Routes;

import dev.gatehouse.adapters.http.web.JsonResponses;
import dev.gatehouse.adapters.http.apikeys.CreatedApiKeyResponses.PublishableKeyCreated;
import dev.gatehouse.adapters.http.apikeys.CreatedApiKeyResponses.SecretKeyCreated;
import dev.gatehouse.application.apikeys.port.in.ApiKeysUseCase;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.application.port.out.TenantRepository.PublishableKey;
import dev.gatehouse.domain.Ids;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.error.NotPermitted;
import io.javalin.http.Context;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * The tenant's API keys under root authority with {@code keys:admin}: {@code GET|POST /v1/admin/api-keys}
 * and {@code DELETE /v1/admin/api-keys/{key}}. A new secret key gets the scopes asked for, by default those
 * of the credential that creates it (every scope for the root token), and never one that credential lacks
 * (403): a {@code keys:admin} key cannot mint itself more power.
 */
public record ApiKeysController(ApiKeysUseCase apiKeys, RequestContext http) implements Endpoints {
    public static final String KEY = "key";

    @Override
    public void register(Routes routes) {
        String keys = "/v1/admin/api-keys";
        routes.add(HandlerType.GET, keys, this::list);
        routes.add(HandlerType.POST, keys, this::create);
        routes.add(HandlerType.DELETE, "/v1/admin/api-keys/{" + KEY + "}", this::revoke);
    }

    /** 200 with every publishable and secret key of the tenant, never a secret. */
    public void list(Context ctx) {
        RootAuthority authority = http.rootCredentials().forNativeRoute(ctx, Scope.KEYS_ADMIN);
        JsonResponses.write(ctx, 200, ApiKeysResponse.from(apiKeys.list(authority)));
    }

    /** 201 with the new key; a secret key's secret is shown here only. */
    public void create(Context ctx) {
        RootAuthority authority = http.rootCredentials().forNativeRoute(ctx, Scope.KEYS_ADMIN);
        NewApiKeyRequest request = NewApiKeyRequest.from(http.bodies().read(ctx, NewApiKeyRequest.FIELDS));
        if (request.type() == NewApiKeyRequest.Type.SECRET) {
            Set<Scope> scopes = request.scopes().orElse(authority.scopes());
            requireHeld(authority, scopes);
            JsonResponses.write(ctx, 201, SecretKeyCreated.from(apiKeys.createSecretKey(authority, request.name(), scopes)));
        } else {
            String key = apiKeys.createPublishableKey(authority);
            String created = apiKeys.list(authority).publishableKeys().stream()
                    .filter(k -> k.key().equals(key)).findFirst().map(PublishableKey::created)
                    .orElseGet(http.clock()::instant).toString();
            JsonResponses.write(ctx, 201, new PublishableKeyCreated(key, created));
        }
    }

    /** 204 once revoked: a UUID names a secret key, anything else a publishable key; 404 unknown, 409 the last publishable key. */
    public void revoke(Context ctx) {
        RootAuthority authority = http.rootCredentials().forNativeRoute(ctx, Scope.KEYS_ADMIN);
        String key = ctx.pathParam(KEY);
        if (Ids.isUuid(key)) { // a secret key is named by its id; anything else names a publishable key
            apiKeys.revokeSecretKey(authority, UUID.fromString(key));
        } else {
            apiKeys.revokePublishableKey(authority, key);
        }
        ctx.status(204);
    }

    private static void requireHeld(RootAuthority authority, Set<Scope> wanted) {
        Set<Scope> missing = EnumSet.noneOf(Scope.class);
        wanted.stream().filter(scope -> !authority.scopes().contains(scope)).forEach(missing::add);
        if (!missing.isEmpty()) {
            throw new NotPermitted("a key cannot grant scopes its creator lacks: "
                    + String.join(", ", ScopeNames.names(missing)));
        }
    }
}
