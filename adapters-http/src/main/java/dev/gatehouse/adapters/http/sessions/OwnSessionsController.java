package dev.gatehouse.adapters.http.sessions;

import io.javalin.http.HandlerType;
import dev.gatehouse.adapters.http.Endpoints;
import dev.gatehouse.adapters.http.RequestContext;
import dev.gatehouse.adapters.http.Routes;

import dev.gatehouse.adapters.http.web.RequestClient;
import dev.gatehouse.adapters.http.web.BearerToken;
import dev.gatehouse.adapters.http.web.JsonResponses;
import dev.gatehouse.application.sessions.port.in.AuthenticateUseCase;
import dev.gatehouse.application.sessions.port.in.ManageOwnSessionsUseCase;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.session.SessionId;
import dev.gatehouse.domain.tenant.Tenant;
import io.javalin.http.Context;
import java.util.List;

/** The signed-in user's own sessions: {@code GET /v1/me/sessions} and {@code DELETE /v1/me/sessions/{id}}. */
public record OwnSessionsController(ManageOwnSessionsUseCase sessions, AuthenticateUseCase authenticate,
                                    RequestContext http) implements Endpoints {
    public static final String SESSION_ID = "id";

    @Override
    public void register(Routes routes) {
        routes.add(HandlerType.GET, "/v1/me/sessions", this::list);
        routes.add(HandlerType.DELETE, "/v1/me/sessions/{" + OwnSessionsController.SESSION_ID + "}", this::revoke);
    }

    /** 200 with the caller's active sessions, newest first, the one of the presented token marked current. */
    public void list(Context ctx) {
        Principal principal = principal(ctx);
        List<SessionResponse> body = sessions.list(principal).stream().map(SessionResponse::from).toList();
        JsonResponses.write(ctx, 200, body);
    }

    /** 204 once the session is ended; 400 for an id that is not a UUID, 404 for one that is not the caller's. */
    public void revoke(Context ctx) {
        Principal principal = principal(ctx);
        SessionId id = SessionId.parse(SESSION_ID, ctx.pathParam(SESSION_ID));
        sessions.revoke(principal, id, RequestClient.of(ctx));
        ctx.status(204);
    }

    private Principal principal(Context ctx) {
        Tenant tenant = http.tenants().forNativeRoute(ctx);
        return authenticate.authenticate(tenant.id(), BearerToken.from(ctx));
    }
}
