package dev.gatehouse.adapters.http.compat;

import io.javalin.http.HandlerType;
import dev.gatehouse.adapters.http.Endpoints;
import dev.gatehouse.adapters.http.RequestContext;
import dev.gatehouse.adapters.http.Routes;
import dev.gatehouse.adapters.http.recovery.PasswordResetRequest;
import dev.gatehouse.application.recovery.port.in.RecoveryUseCases;

import dev.gatehouse.adapters.http.web.JsonFields;
import dev.gatehouse.adapters.http.web.JsonResponses;
import dev.gatehouse.adapters.http.web.QueryParameters;
import dev.gatehouse.adapters.http.web.RequestClient;
import dev.gatehouse.application.recovery.port.in.MagicLinkUseCase;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.EmailAddress;
import io.javalin.http.Context;
import java.util.Set;

/**
 * StaticBackend's password-reset and magic-link routes (docs/recovery.md), with the deliberate security
 * differences of the compatibility spec: wrong, empty, used, expired or exhausted codes fail (400, plain
 * text), a reset ends every session of the user, and {@code POST /login/magic} is no open relay.
 */
public record RecoveryController(RecoveryUseCases recovery, RequestContext http) implements Endpoints {
    private static final Set<String> EMAIL = Set.of("email");
    private static final Set<String> MAGIC = Set.of("fromEmail", "fromName", "email", "subject", "body", "link");

    @Override
    public void register(Routes routes) {
        routes.add(HandlerType.POST, "/password/send", this::sendResetCode);
        routes.add(HandlerType.GET, "/password/resetcode", this::resetCode);
        routes.add(HandlerType.POST, "/password/reset", this::reset);
        String magic = "/login/magic";
        routes.add(HandlerType.POST, magic, this::sendMagicLink);
        routes.add(HandlerType.GET, magic, this::exchangeMagicLink);
    }

    /**
     * {@code POST /password/send} (root token or a {@code users:write} key): a new code, answered and mailed. The
     * tenant's root user's code only with the root token (403 for a key).
     */
    public void sendResetCode(Context ctx) {
        RootAuthority root = http.rootCredentials().forCompatRoute(ctx, Scope.USERS_WRITE);
        EmailAddress email = new EmailAddress(http.bodies().read(ctx, EMAIL).string("email"));
        JsonResponses.write(ctx, 200, recovery.passwordReset().issueCode(root, email, true, RequestClient.of(ctx)));
    }

    /**
     * {@code GET /password/resetcode?e=EMAIL} (root token or a {@code users:write} key): a new code, answered only.
     * The tenant's root user's code only with the root token (403 for a key).
     */
    public void resetCode(Context ctx) {
        RootAuthority root = http.rootCredentials().forCompatRoute(ctx, Scope.USERS_WRITE);
        EmailAddress email = new EmailAddress(QueryParameters.first(ctx.queryString(), "e"));
        JsonResponses.write(ctx, 200, recovery.passwordReset().issueCode(root, email, false, RequestClient.of(ctx)));
    }

    /** {@code POST /password/reset}: {@code true} once the password is set. */
    public void reset(Context ctx) {
        Tenant tenant = http.tenants().forCompatRoute(ctx);
        PasswordResetRequest request = PasswordResetRequest.from(http.bodies().read(ctx, PasswordResetRequest.FIELDS));
        recovery.passwordReset().reset(request.command(tenant.id(), RequestClient.of(ctx)));
        JsonResponses.write(ctx, 200, true);
    }

    /** {@code POST /login/magic}: {@code true}, for known and unknown addresses alike. */
    public void sendMagicLink(Context ctx) {
        Tenant tenant = http.tenants().forCompatRoute(ctx);
        JsonFields body = http.bodies().read(ctx, MAGIC);
        recovery.magicLinks().requestComposed(new MagicLinkUseCase.ComposedCommand(tenant.id(),
                new EmailAddress(body.string("email")), body.string("fromEmail"), body.string("fromName"),
                body.string("subject"), body.string("body"), body.string("link"), RequestClient.of(ctx)));
        JsonResponses.write(ctx, 200, true);
    }

    /** {@code GET /login/magic?email=&code=}: the session token, once per link. */
    public void exchangeMagicLink(Context ctx) {
        Tenant tenant = http.tenants().forCompatRoute(ctx);
        EmailAddress email = new EmailAddress(QueryParameters.first(ctx.queryString(), "email"));
        String code = QueryParameters.first(ctx.queryString(), "code");
        String token = CompatSignIn.token(recovery.magicLinks().signIn(new MagicLinkUseCase.SignInCommand(tenant.id(),
                email, code == null ? "" : code, RequestClient.of(ctx), TokenProfile.COMPAT)));
        JsonResponses.write(ctx, 200, token);
    }
}
