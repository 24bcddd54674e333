package dev.gatehouse.adapters.http.admin;

import io.javalin.http.HandlerType;
import dev.gatehouse.adapters.http.Endpoints;
import dev.gatehouse.adapters.http.RequestContext;
import dev.gatehouse.adapters.http.Routes;

import dev.gatehouse.adapters.http.web.JsonResponses;
import dev.gatehouse.application.admin.port.in.AdminSessionsUseCase;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.user.UserId;
import io.javalin.http.Context;
import java.util.List;

/**
 * A user's sessions under root authority with {@code sessions:admin}: {@code GET} and {@code DELETE
 * /v1/admin/users/{id}/sessions}. A user of another tenant is 404, like one that exists nowhere. The
 * credential is checked before the path id.
 */
public record AdminSessionsController(AdminSessionsUseCase sessions, RequestContext http) implements Endpoints {
    public static final String USER_ID = "id";

    @Override
    public void register(Routes routes) {
        String path = "/v1/admin/users/{" + USER_ID + "}/sessions";
        routes.add(HandlerType.GET, path, this::list);
        routes.add(HandlerType.DELETE, path, this::revokeAll);
    }

    /** 200 with the user's active sessions. */
    public void list(Context ctx) {
        RootAuthority authority = http.rootCredentials().forNativeRoute(ctx, Scope.SESSIONS_ADMIN);
        UserId user = UserId.parse(USER_ID, ctx.pathParam(USER_ID));
        List<AdminSessionResponse> body = sessions.list(authority, user).stream().map(AdminSessionResponse::from).toList();
        JsonResponses.write(ctx, 200, body);
    }

    /** 200 with {@code {"revoked": n}} once every session of the user is ended (n may be 0). */
    public void revokeAll(Context ctx) {
        RootAuthority authority = http.rootCredentials().forNativeRoute(ctx, Scope.SESSIONS_ADMIN);
        UserId user = UserId.parse(USER_ID, ctx.pathParam(USER_ID));
        JsonResponses.write(ctx, 200, new RevokedResponse(sessions.revokeAll(authority, user)));
    }

    record RevokedResponse(int revoked) {
    }
}
