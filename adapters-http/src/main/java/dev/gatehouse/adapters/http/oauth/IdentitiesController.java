package dev.gatehouse.adapters.http.oauth;

import dev.gatehouse.adapters.http.Endpoints;
import dev.gatehouse.adapters.http.RequestContext;
import dev.gatehouse.adapters.http.Routes;
import dev.gatehouse.adapters.http.web.BearerToken;
import dev.gatehouse.adapters.http.web.JsonResponses;
import dev.gatehouse.adapters.http.web.RequestClient;
import dev.gatehouse.adapters.http.web.TenantSelector;
import dev.gatehouse.application.oauth.port.in.IdentitiesUseCase;
import dev.gatehouse.application.oauth.port.in.OAuthUseCases;
import dev.gatehouse.application.sessions.port.in.AuthenticateUseCase;
import dev.gatehouse.application.sessions.port.in.SessionsUseCases;
import dev.gatehouse.domain.Ids;
import dev.gatehouse.domain.oauth.Identity;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.tenant.Tenant;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;

/** The caller's provider accounts: {@code GET /v1/me/identities}, {@code DELETE /v1/me/identities/{id}}. */
public final class IdentitiesController implements Endpoints {
    static final String ID = "id";

    private final IdentitiesUseCase identities;
    private final AuthenticateUseCase authenticate;
    private final TenantSelector tenants;

    public IdentitiesController(OAuthUseCases oauth, SessionsUseCases sessions, RequestContext http) {
        this.identities = oauth.identities();
        this.authenticate = sessions.authenticate();
        this.tenants = http.tenants();
    }

    @Override
    public void register(Routes routes) {
        routes.add(HandlerType.GET, "/v1/me/identities", this::list);
        routes.add(HandlerType.DELETE, "/v1/me/identities/{" + ID + "}", this::unlink);
    }

    public void list(Context ctx) {
        JsonResponses.write(ctx, 200, new IdentityList(identities.list(principal(ctx)).stream()
                .map(IdentitiesController::response).toList()));
    }

    /** 204; 409 {@code identity-conflict} when it is the last way to sign in; 403 outside the step-up window. */
    public void unlink(Context ctx) {
        Principal principal = principal(ctx);
        identities.unlink(principal, Ids.parseUuid(ID, ctx.pathParam(ID)), RequestClient.of(ctx));
        ctx.status(204);
    }

    private Principal principal(Context ctx) {
        Tenant tenant = tenants.forNativeRoute(ctx);
        return authenticate.authenticate(tenant.id(), BearerToken.from(ctx));
    }

    private static IdentityResponse response(Identity identity) {
        return new IdentityResponse(identity.id().toString(), identity.providerName(), identity.issuer(),
                identity.subject(), identity.email(), identity.linkedAt().toString());
    }

    record IdentityResponse(String id, String provider, String issuer, String subject, String email, String linkedAt) {
    }

    record IdentityList(List<IdentityResponse> identities) {
    }
}
