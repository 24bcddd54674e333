package dev.gatehouse.adapters.http.v1;

import dev.gatehouse.adapters.http.JsonBodyReader;
import dev.gatehouse.adapters.http.JsonResponses;
import dev.gatehouse.adapters.http.RootCredentials;
import dev.gatehouse.adapters.http.v1.CreatedApiKeyResponses.PublishableKeyCreated;
import dev.gatehouse.adapters.http.v1.CreatedApiKeyResponses.SecretKeyCreated;
import dev.gatehouse.application.apikeys.port.in.ApiKeysUseCase;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.application.port.out.TenantRepository.PublishableKey;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.error.NotPermitted;
import io.javalin.http.Context;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The tenant's API keys under root authority with {@code keys:admin}: {@code GET|POST /v1/admin/api-keys}
 * and {@code DELETE /v1/admin/api-keys/{key}}. A new secret key gets the scopes asked for, by default those
 * of the credential that creates it (every scope for the root token), and never one that credential lacks
 * (403): a {@code keys:admin} key cannot mint itself more power.
 */
public final class ApiKeysController {
    public static final String KEY = "key";
    /** A secret key is named by its id in canonical UUID form; anything else names a publishable key. */
    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final ApiKeysUseCase apiKeys;
    private final RootCredentials credentials;
    private final JsonBodyReader bodies;
    private final InstantSource clock;

    public ApiKeysController(ApiKeysUseCase apiKeys, RootCredentials credentials, JsonBodyReader bodies,
                             InstantSource clock) {
        this.apiKeys = apiKeys;
        this.credentials = credentials;
        this.bodies = bodies;
        this.clock = clock;
    }

    /** 200 with every publishable and secret key of the tenant, never a secret. */
    public void list(Context ctx) {
        RootAuthority authority = credentials.forNativeRoute(ctx, Scope.KEYS_ADMIN);
        JsonResponses.write(ctx, 200, ApiKeysResponse.from(apiKeys.list(authority)));
    }

    /** 201 with the new key; a secret key's secret is shown here only. */
    public void create(Context ctx) {
        RootAuthority authority = credentials.forNativeRoute(ctx, Scope.KEYS_ADMIN);
        NewApiKeyRequest request = NewApiKeyRequest.from(bodies.read(ctx, NewApiKeyRequest.FIELDS));
        if (request.type() == NewApiKeyRequest.Type.SECRET) {
            Set<Scope> scopes = request.scopes().orElse(authority.scopes());
            requireHeld(authority, scopes);
            JsonResponses.write(ctx, 201, SecretKeyCreated.from(apiKeys.createSecretKey(authority, request.name(), scopes)));
        } else {
            String key = apiKeys.createPublishableKey(authority);
            String created = apiKeys.list(authority).publishableKeys().stream()
                    .filter(k -> k.key().equals(key)).findFirst().map(PublishableKey::created)
                    .orElseGet(clock::instant).toString();
            JsonResponses.write(ctx, 201, new PublishableKeyCreated(key, created));
        }
    }

    /** 204 once revoked: a UUID names a secret key, anything else a publishable key; 404 unknown, 409 the last publishable key. */
    public void revoke(Context ctx) {
        RootAuthority authority = credentials.forNativeRoute(ctx, Scope.KEYS_ADMIN);
        String key = ctx.pathParam(KEY);
        if (CANONICAL_UUID.matcher(key).matches()) {
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
