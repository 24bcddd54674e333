package dev.gatehouse.adapters.http.emailchange;

import dev.gatehouse.adapters.http.Endpoints;
import dev.gatehouse.adapters.http.RequestContext;
import dev.gatehouse.adapters.http.Routes;
import dev.gatehouse.adapters.http.users.UserResponse;
import dev.gatehouse.adapters.http.web.BearerToken;
import dev.gatehouse.adapters.http.web.JsonFields;
import dev.gatehouse.adapters.http.web.JsonResponses;
import dev.gatehouse.adapters.http.web.RequestClient;
import dev.gatehouse.application.emailchange.port.in.ChangeEmailUseCase;
import dev.gatehouse.application.emailchange.port.in.EmailChangeUseCases;
import dev.gatehouse.application.emailchange.port.in.RevertEmailChangeUseCase;
import dev.gatehouse.application.sessions.port.in.AuthenticateUseCase;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.EmailAddress;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Set;

/**
 * The confirmed email change (docs/users.md#email-change): {@code POST /v1/me/email} starts it (step-up),
 * {@code POST /v1/me/email/confirm} finishes it with the code mailed to the new address, and
 * {@code POST /v1/auth/email/revert} undoes it with the token mailed to the old one (publishable key only).
 */
public record EmailChangeController(EmailChangeUseCases emailChange, AuthenticateUseCase authenticate,
                                    RequestContext http) implements Endpoints {
    private static final Set<String> START = Set.of("email");
    private static final Set<String> CONFIRM = Set.of("code");
    private static final Set<String> REVERT = Set.of("token");

    @Override
    public void register(Routes routes) {
        routes.add(HandlerType.POST, "/v1/me/email", this::start);
        routes.add(HandlerType.POST, "/v1/me/email/confirm", this::confirm);
        routes.add(HandlerType.POST, "/v1/auth/email/revert", this::revert);
    }

    /** {@code {"email"}}: 202 with an empty body, the same for a free and a taken address. */
    public void start(Context ctx) {
        Principal principal = principal(ctx);
        JsonFields body = http.bodies().read(ctx, START);
        emailChange.changeEmail().start(new ChangeEmailUseCase.StartCommand(principal,
                new EmailAddress(body.string("email")), RequestClient.of(ctx)));
        ctx.status(202);
    }

    /** {@code {"code"}}: 200 with the user, as {@code GET /v1/me} shows it. */
    public void confirm(Context ctx) {
        Principal principal = principal(ctx);
        JsonFields body = http.bodies().read(ctx, CONFIRM);
        JsonResponses.writeJson(ctx, 200, UserResponse.from(emailChange.changeEmail().confirm(
                new ChangeEmailUseCase.ConfirmCommand(principal, body.string("code"), RequestClient.of(ctx)))).toJson());
    }

    /** {@code {"token"}}: 200 {@code {"reverted":true}}; every session of the user has ended. */
    public void revert(Context ctx) {
        Tenant tenant = http.tenants().forNativeRoute(ctx);
        JsonFields body = http.bodies().read(ctx, REVERT);
        emailChange.revertEmailChange().revert(new RevertEmailChangeUseCase.RevertCommand(tenant.id(),
                body.string("token"), RequestClient.of(ctx)));
        JsonResponses.write(ctx, 200, new Reverted(true));
    }

    private Principal principal(Context ctx) {
        Tenant tenant = http.tenants().forNativeRoute(ctx);
        return authenticate.authenticate(tenant.id(), BearerToken.from(ctx));
    }

    record Reverted(boolean reverted) {
    }
}
