package dev.gatehouse.adapters.http.oauth;

import dev.gatehouse.adapters.http.Endpoints;
import dev.gatehouse.adapters.http.RequestContext;
import dev.gatehouse.adapters.http.Routes;
import dev.gatehouse.adapters.http.web.JsonFields;
import dev.gatehouse.adapters.http.web.JsonResponses;
import dev.gatehouse.adapters.http.web.RequestClient;
import dev.gatehouse.application.oauth.port.in.OAuthProvidersUseCase;
import dev.gatehouse.application.oauth.port.in.OAuthUseCases;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.oauth.OAuthProvider;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.Set;

/**
 * A tenant's sign-in providers: {@code PUT|GET|DELETE /v1/admin/oauth-providers/{name}} and
 * {@code GET /v1/admin/oauth-providers} (root token, or a secret key with {@code settings:admin}). The client
 * secret goes in, never out: answers say {@code clientSecretSet: true}.
 */
public record AdminOAuthProvidersController(OAuthUseCases oauth, RequestContext http, Supplier<Optional<URI>> callback)
        implements Endpoints {
    static final String NAME = "name";
    private static final Set<String> PUT = Set.of("type", "clientId", "clientSecret", "issuer", "scopes",
            "linkByVerifiedEmail");

    @Override
    public void register(Routes routes) {
        routes.add(HandlerType.GET, "/v1/admin/oauth-providers", this::list);
        routes.add(HandlerType.PUT, "/v1/admin/oauth-providers/{" + NAME + "}", this::put);
        routes.add(HandlerType.GET, "/v1/admin/oauth-providers/{" + NAME + "}", this::get);
        routes.add(HandlerType.DELETE, "/v1/admin/oauth-providers/{" + NAME + "}", this::delete);
    }

    public void put(Context ctx) {
        RootAuthority authority = http.rootCredentials().forNativeRoute(ctx, Scope.SETTINGS_ADMIN).withClient(RequestClient.of(ctx));
        JsonFields body = http.bodies().read(ctx, PUT);
        OAuthProvider stored = oauth.providers().put(new OAuthProvidersUseCase.PutCommand(authority, ctx.pathParam(NAME),
                body.string("type"), body.string("clientId"), body.string("clientSecret"), body.string("issuer"),
                body.strings("scopes"), body.bool("linkByVerifiedEmail")));
        JsonResponses.write(ctx, 200, response(stored));
    }

    public void list(Context ctx) {
        RootAuthority authority = http.rootCredentials().forNativeRoute(ctx, Scope.SETTINGS_ADMIN);
        JsonResponses.write(ctx, 200, new ProviderList(oauth.providers().list(authority).stream().map(this::response).toList()));
    }

    public void get(Context ctx) {
        RootAuthority authority = http.rootCredentials().forNativeRoute(ctx, Scope.SETTINGS_ADMIN);
        JsonResponses.write(ctx, 200, response(oauth.providers().get(authority, ctx.pathParam(NAME))));
    }

    public void delete(Context ctx) {
        RootAuthority authority = http.rootCredentials().forNativeRoute(ctx, Scope.SETTINGS_ADMIN).withClient(RequestClient.of(ctx));
        oauth.providers().delete(authority, ctx.pathParam(NAME));
        ctx.status(204);
    }

    private ProviderResponse response(OAuthProvider provider) {
        return new ProviderResponse(provider.name(), provider.type().wireName(), provider.clientId(), true,
                provider.issuer(), provider.scopes(), provider.linkByVerifiedEmail(), provider.updatedAt().toString(),
                callback.get().map(URI::toString).orElse(null));
    }

    record ProviderResponse(String name, String type, String clientId, boolean clientSecretSet, String issuer,
                            List<String> scopes, boolean linkByVerifiedEmail, String updatedAt, String callbackUrl) {
    }

    record ProviderList(List<ProviderResponse> providers) {
    }
}
