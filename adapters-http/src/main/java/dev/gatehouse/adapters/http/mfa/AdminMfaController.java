package dev.gatehouse.adapters.http.mfa;

import dev.gatehouse.adapters.http.Endpoints;
import dev.gatehouse.adapters.http.RequestContext;
import dev.gatehouse.adapters.http.Routes;
import dev.gatehouse.adapters.http.web.RequestClient;
import dev.gatehouse.application.mfa.port.in.MfaUseCases;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.user.UserId;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

/**
 * {@code DELETE /v1/admin/users/{id}/mfa} (root token, or a secret key with {@code users:write}, never on a root
 * user): 204 once the user's factors and recovery codes are gone and their sessions ended.
 */
public record AdminMfaController(MfaUseCases mfa, RequestContext http) implements Endpoints {
    static final String USER_ID = "id";

    @Override
    public void register(Routes routes) {
        routes.add(HandlerType.DELETE, "/v1/admin/users/{" + USER_ID + "}/mfa", this::reset);
    }

    public void reset(Context ctx) {
        RootAuthority authority = http.rootCredentials().forNativeRoute(ctx, Scope.USERS_WRITE);
        mfa.resetMfa().reset(authority, UserId.parse(USER_ID, ctx.pathParam(USER_ID)), RequestClient.of(ctx));
        ctx.status(204);
    }
}
