package dev.gatehouse.adapters.http.compat;

import dev.gatehouse.adapters.http.Endpoints;
import dev.gatehouse.adapters.http.RequestContext;
import dev.gatehouse.adapters.http.Routes;
import dev.gatehouse.adapters.http.web.BearerToken;
import dev.gatehouse.adapters.http.web.JsonFields;
import dev.gatehouse.adapters.http.web.JsonResponses;
import dev.gatehouse.adapters.http.web.RequestClient;
import dev.gatehouse.application.emailchange.port.in.ChangeEmailUseCase;
import dev.gatehouse.application.sessions.port.in.AuthenticateUseCase;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.EmailAddress;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Set;

/**
 * StaticBackend's {@code POST /me/email} (the JS client's {@code changeEmail}): starts the same confirmed change as
 * {@code POST /v1/me/email} and answers {@code true} for a free and a taken address alike. Its clients cannot
 * re-authenticate, so there is no step-up here: the code goes to the new mailbox and a notice to the current one at
 * once (docs/adr/0027-email-change.md). The code is confirmed at {@code POST /v1/me/email/confirm} with the same token.
 */
public record ChangeEmailController(ChangeEmailUseCase changeEmail, AuthenticateUseCase authenticate,
                                    RequestContext http) implements Endpoints {
    private static final Set<String> FIELDS = Set.of("email");

    @Override
    public void register(Routes routes) {
        routes.add(HandlerType.POST, "/me/email", this::start);
    }

    public void start(Context ctx) {
        Tenant tenant = http.tenants().forCompatRoute(ctx);
        Principal principal = authenticate.authenticate(tenant.id(), BearerToken.from(ctx));
        JsonFields body = http.bodies().read(ctx, FIELDS);
        changeEmail.startCompat(new ChangeEmailUseCase.StartCommand(principal, new EmailAddress(body.string("email")),
                RequestClient.of(ctx)));
        JsonResponses.write(ctx, 200, true);
    }
}
