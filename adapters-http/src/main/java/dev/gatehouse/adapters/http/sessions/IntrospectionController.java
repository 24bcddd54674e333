package dev.gatehouse.adapters.http.sessions;

import io.javalin.http.HandlerType;
import dev.gatehouse.adapters.http.Endpoints;
import dev.gatehouse.adapters.http.RequestContext;
import dev.gatehouse.adapters.http.Routes;

import dev.gatehouse.adapters.http.web.BearerToken;
import dev.gatehouse.adapters.http.web.JsonResponses;
import dev.gatehouse.application.sessions.port.in.IntrospectUseCase;
import dev.gatehouse.application.sessions.port.in.IntrospectUseCase.Introspection;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.domain.apikey.Scope;
import io.javalin.http.Context;

/**
 * {@code POST /v1/auth/introspect} (RFC 7662): for back ends that ask rather than verify tokens
 * themselves. Needs root authority with {@code tokens:introspect}; looks only at the authority's own
 * tenant, so another tenant's token is inactive here.
 */
public record IntrospectionController(IntrospectUseCase introspect, RequestContext http) implements Endpoints {
    @Override
    public void register(Routes routes) {
        routes.add(HandlerType.POST, "/v1/auth/introspect", this::introspect);
    }

    /** 200 with {@code {"active": false}} or the active token's claims; 400 without a token. */
    public void introspect(Context ctx) {
        RootAuthority authority = http.rootCredentials().forNativeRoute(ctx, Scope.TOKENS_INTROSPECT);
        String token = IntrospectionRequest.from(ctx, http.bodies(), http.forms()).token();
        // no token of ours is this long: not worth verifying
        Introspection result = token.length() > BearerToken.MAX_TOKEN_LENGTH ? Introspection.INACTIVE
                : introspect.introspect(authority, token);
        JsonResponses.write(ctx, 200, IntrospectionResponse.from(result));
    }
}
