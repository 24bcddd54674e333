package dev.gatehouse.adapters.http.oauth;

import dev.gatehouse.adapters.http.Endpoints;
import dev.gatehouse.adapters.http.RequestContext;
import dev.gatehouse.adapters.http.Routes;
import dev.gatehouse.adapters.http.web.BearerToken;
import dev.gatehouse.adapters.http.web.JsonResponses;
import dev.gatehouse.adapters.http.web.RequestClient;
import dev.gatehouse.application.oauth.port.in.OAuthUseCases;
import dev.gatehouse.application.sessions.port.in.SessionsUseCases;
import dev.gatehouse.domain.Ids;
import dev.gatehouse.domain.oauth.Identity;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.tenant.Tenant;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;

/**
 * The caller's provider accounts: {@code GET /v1/me/identities}, {@code POST /v1/me/identities/{name}} (start a
 * link), {@code POST /v1/auth/oauth/link} (confirm it with the {@code link_code} the redirect brought back),
 * {@code DELETE /v1/me/identities/{id}}.
 */
public record IdentitiesController(OAuthUseCases oauth, SessionsUseCases sessions, RequestContext http)
        implements Endpoints {
    static final String ID = "id";
    static final String NAME = "name";
    private static final java.util.Set<String> LINK = java.util.Set.of("redirectUri");
    private static final java.util.Set<String> CONFIRM = java.util.Set.of("code");

    @Override
    public void register(Routes routes) {
        routes.add(HandlerType.GET, "/v1/me/identities", this::list);
        routes.add(HandlerType.POST, "/v1/me/identities/{" + NAME + "}", this::link);
        routes.add(HandlerType.POST, "/v1/auth/oauth/link", this::confirm);
        routes.add(HandlerType.DELETE, "/v1/me/identities/{" + ID + "}", this::unlink);
    }

    public void list(Context ctx) {
        JsonResponses.write(ctx, 200, new IdentityList(oauth.identities().list(principal(ctx)).stream()
                .map(IdentitiesController::response).toList()));
    }

    /** {@code {"redirectUri"}}: 200 {@code {"authorizeUrl"}} to open in the browser; 403 outside the step-up window. */
    public void link(Context ctx) {
        Principal principal = principal(ctx);
        dev.gatehouse.adapters.http.web.JsonFields body = http.bodies().read(ctx, LINK);
        var started = oauth.start().startLink(new dev.gatehouse.application.oauth.port.in.StartOAuthUseCase.LinkCommand(
                principal, ctx.pathParam(NAME), body.string("redirectUri"), RequestClient.of(ctx)));
        JsonResponses.write(ctx, 200, new LinkStarted(started.authorizeUrl().toString()));
    }

    /** {@code {"code"}} (the {@code link_code}): 200 with the linked identity. */
    public void confirm(Context ctx) {
        Principal principal = principal(ctx);
        dev.gatehouse.adapters.http.web.JsonFields body = http.bodies().read(ctx, CONFIRM);
        JsonResponses.write(ctx, 200, response(oauth.identities().confirmLink(principal, body.string("code"),
                RequestClient.of(ctx))));
    }

    /** 204; 409 {@code identity-conflict} when it is the last way to sign in; 403 outside the step-up window. */
    public void unlink(Context ctx) {
        Principal principal = principal(ctx);
        oauth.identities().unlink(principal, Ids.parseUuid(ID, ctx.pathParam(ID)), RequestClient.of(ctx));
        ctx.status(204);
    }

    private Principal principal(Context ctx) {
        Tenant tenant = http.tenants().forNativeRoute(ctx);
        return sessions.authenticate().authenticate(tenant.id(), BearerToken.from(ctx));
    }

    private static IdentityResponse response(Identity identity) {
        return new IdentityResponse(identity.id().toString(), identity.providerName(), identity.issuer(),
                identity.subject(), identity.email(), identity.linkedAt().toString());
    }

    record IdentityResponse(String id, String provider, String issuer, String subject, String email, String linkedAt) {
    }

    record LinkStarted(String authorizeUrl) {
    }

    record IdentityList(List<IdentityResponse> identities) {
    }
}
