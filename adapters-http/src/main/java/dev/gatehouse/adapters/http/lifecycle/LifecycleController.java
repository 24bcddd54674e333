package dev.gatehouse.adapters.http.lifecycle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.adapters.http.Endpoints;
import dev.gatehouse.adapters.http.RequestContext;
import dev.gatehouse.adapters.http.Routes;
import dev.gatehouse.adapters.http.users.ProfilePatch;
import dev.gatehouse.adapters.http.users.UserResponse;
import dev.gatehouse.adapters.http.web.BearerToken;
import dev.gatehouse.adapters.http.web.JsonFields;
import dev.gatehouse.adapters.http.web.JsonResponses;
import dev.gatehouse.adapters.http.web.RequestClient;
import dev.gatehouse.application.lifecycle.port.in.LifecycleUseCases;
import dev.gatehouse.application.sessions.port.in.AuthenticateUseCase;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.Password;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Optional;
import java.util.Set;

/**
 * The signed-in user's own lifecycle: {@code PATCH /v1/me} (profile, a JSON merge patch), {@code DELETE /v1/me}
 * (step-up, or the password in the body) and {@code GET /v1/me/export}.
 */
public record LifecycleController(LifecycleUseCases lifecycle, AuthenticateUseCase authenticate, RequestContext http)
        implements Endpoints {
    private static final Set<String> DELETE_FIELDS = Set.of("password");

    @Override
    public void register(Routes routes) {
        routes.add(HandlerType.PATCH, "/v1/me", this::patch);
        routes.add(HandlerType.DELETE, "/v1/me", this::delete);
        routes.add(HandlerType.GET, "/v1/me/export", this::export);
    }

    /** 200 with the user as changed; 400 naming the field for anything unacceptable or unknown. */
    public void patch(Context ctx) {
        Principal principal = principal(ctx);
        ObjectNode body = http.bodies().readObject(ctx);
        ProfilePatch.refuseUnknown(body, Set.of(), "PATCH /v1/me (the address changes through POST /v1/me/email)");
        ProfilePatch patch = ProfilePatch.of(body);
        if (patch.isEmpty()) {
            throw new InvalidInput("body", "give at least one of name, avatarUrl, metadata");
        }
        JsonResponses.writeJson(ctx, 200, UserResponse.from(lifecycle.updateOwnProfile().update(principal,
                patch.edit(), RequestClient.of(ctx))).toJson());
    }

    /** 204 once the user and everything of theirs is gone. */
    public void delete(Context ctx) {
        Principal principal = principal(ctx);
        Optional<Password> password = Optional.empty();
        if (ctx.header("Content-Type") != null) {
            JsonFields body = http.bodies().read(ctx, DELETE_FIELDS);
            password = Optional.ofNullable(body.string("password")).map(Password::new);
        }
        lifecycle.deleteOwnUser().delete(principal, password, RequestClient.of(ctx));
        ctx.status(204);
    }

    /** 200 with what Gatehouse holds of the caller (no secret), not to be cached. */
    public void export(Context ctx) {
        Principal principal = principal(ctx);
        ctx.header("Cache-Control", "no-store");
        JsonResponses.write(ctx, 200, OwnDataResponse.from(principal,
                lifecycle.exportOwnData().export(principal, RequestClient.of(ctx))));
    }

    private Principal principal(Context ctx) {
        Tenant tenant = http.tenants().forNativeRoute(ctx);
        return authenticate.authenticate(tenant.id(), BearerToken.from(ctx));
    }
}
