package dev.gatehouse.adapters.http.recovery;

import io.javalin.http.HandlerType;
import dev.gatehouse.adapters.http.Endpoints;
import dev.gatehouse.adapters.http.RequestContext;
import dev.gatehouse.adapters.http.Routes;
import dev.gatehouse.application.recovery.port.in.RecoveryUseCases;

import dev.gatehouse.adapters.http.users.UserResponse;
import dev.gatehouse.adapters.http.auth.SignInResponses;

import dev.gatehouse.adapters.http.web.BearerToken;
import dev.gatehouse.adapters.http.web.JsonFields;
import dev.gatehouse.adapters.http.web.JsonResponses;
import dev.gatehouse.adapters.http.web.RequestClient;
import dev.gatehouse.application.sessions.port.in.AuthenticateUseCase;
import dev.gatehouse.application.recovery.port.in.MagicLinkUseCase;
import dev.gatehouse.application.recovery.port.in.PasswordResetUseCase;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.Set;

/**
 * The native recovery routes (docs/recovery.md): password forgot/reset, magic links, email verification and
 * password change. Requests that name an address answer 202 with an empty body whether or not it has a user.
 */
public record RecoveryController(RecoveryUseCases recovery, AuthenticateUseCase authenticate, RequestContext http)
        implements Endpoints {
    private static final Set<String> FORGOT = Set.of("email", "redirectUrl");
    private static final Set<String> MAGIC = Set.of("email", "redirectUrl");
    private static final Set<String> MAGIC_VERIFY = Set.of("email", "code");
    private static final Set<String> VERIFY_SEND = Set.of("redirectUrl");
    private static final Set<String> VERIFY = Set.of("code", "token");
    private static final Set<String> CHANGE = Set.of("currentPassword", "newPassword");

    @Override
    public void register(Routes routes) {
        routes.add(HandlerType.POST, "/v1/auth/password/forgot", this::forgot);
        routes.add(HandlerType.POST, "/v1/auth/password/reset", this::reset);
        routes.add(HandlerType.POST, "/v1/auth/password/change", this::changePassword);
        routes.add(HandlerType.POST, "/v1/auth/magic-link", this::requestMagicLink);
        routes.add(HandlerType.POST, "/v1/auth/magic-link/verify", this::verifyMagicLink);
        routes.add(HandlerType.POST, "/v1/auth/email/verify/send", this::sendVerification);
        routes.add(HandlerType.POST, "/v1/auth/email/verify", this::verify);
    }

    /** {@code POST /v1/auth/password/forgot}: 202, always. */
    public void forgot(Context ctx) {
        Tenant tenant = http.tenants().forNativeRoute(ctx);
        JsonFields body = http.bodies().read(ctx, FORGOT);
        recovery.passwordReset().requestReset(new PasswordResetUseCase.RequestCommand(tenant.id(),
                new EmailAddress(body.string("email")), Optional.ofNullable(body.string("redirectUrl")),
                RequestClient.of(ctx)));
        ctx.status(202);
    }

    /** {@code POST /v1/auth/password/reset}: 204 once the password is set. */
    public void reset(Context ctx) {
        Tenant tenant = http.tenants().forNativeRoute(ctx);
        PasswordResetRequest request = PasswordResetRequest.from(http.bodies().read(ctx, PasswordResetRequest.FIELDS));
        recovery.passwordReset().reset(request.command(tenant.id(), RequestClient.of(ctx)));
        ctx.status(204);
    }

    /** {@code POST /v1/auth/magic-link}: 202, always (400 for a redirect URL the tenant does not allow). */
    public void requestMagicLink(Context ctx) {
        Tenant tenant = http.tenants().forNativeRoute(ctx);
        JsonFields body = http.bodies().read(ctx, MAGIC);
        EmailAddress email = new EmailAddress(body.string("email"));
        recovery.magicLinks().request(new MagicLinkUseCase.RequestCommand(tenant.id(), email,
                body.string("redirectUrl"), RequestClient.of(ctx)));
        ctx.status(202);
    }

    /** {@code POST /v1/auth/magic-link/verify}: 200 with tokens, like a sign-in. */
    public void verifyMagicLink(Context ctx) {
        Tenant tenant = http.tenants().forNativeRoute(ctx);
        JsonFields body = http.bodies().read(ctx, MAGIC_VERIFY);
        EmailAddress email = new EmailAddress(body.string("email"));
        String code = body.string("code");
        SignInResponses.write(ctx, 200, recovery.magicLinks().signIn(new MagicLinkUseCase.SignInCommand(tenant.id(),
                email, code == null ? "" : code, RequestClient.of(ctx), TokenProfile.NATIVE)), http.clock().instant());
    }

    /** {@code POST /v1/auth/email/verify/send} (signed in): 202; nothing is sent for a verified address. */
    public void sendVerification(Context ctx) {
        Tenant tenant = http.tenants().forNativeRoute(ctx);
        Principal principal = authenticate.authenticate(tenant.id(), BearerToken.from(ctx));
        String redirectUrl = hasBody(ctx) ? http.bodies().read(ctx, VERIFY_SEND).string("redirectUrl") : null;
        recovery.emailVerification().send(principal, Optional.ofNullable(redirectUrl), RequestClient.of(ctx));
        ctx.status(202);
    }

    /** {@code POST /v1/auth/email/verify}: {@code {"code"}} or the link's {@code {"token"}}; 200 with the user. */
    public void verify(Context ctx) {
        Tenant tenant = http.tenants().forNativeRoute(ctx);
        JsonFields body = http.bodies().read(ctx, VERIFY);
        String code = body.string("code");
        String token = body.string("token");
        if (code != null && token != null && !code.equals(token)) {
            throw new InvalidInput("code", "give the code or the token, not two different values");
        }
        String presented = code != null ? code : token == null ? "" : token;
        JsonResponses.write(ctx, 200, UserResponse.from(recovery.emailVerification().verify(tenant.id(), presented,
                RequestClient.of(ctx))));
    }

    /** {@code POST /v1/auth/password/change} (signed in): 204; the other sessions end. */
    public void changePassword(Context ctx) {
        Tenant tenant = http.tenants().forNativeRoute(ctx);
        Principal principal = authenticate.authenticate(tenant.id(), BearerToken.from(ctx));
        JsonFields body = http.bodies().read(ctx, CHANGE);
        Password current;
        try {
            current = new Password(body.string("currentPassword"));
        } catch (InvalidInput e) {
            throw new InvalidInput("currentPassword", "is required");
        }
        Password next;
        try {
            next = new Password(body.string("newPassword"));
        } catch (InvalidInput e) {
            throw new InvalidInput("newPassword", e.getMessage().substring(e.getMessage().indexOf(':') + 2));
        }
        recovery.changePassword().change(principal, current, next, RequestClient.of(ctx));
        ctx.status(204);
    }

    private static boolean hasBody(Context ctx) {
        return ctx.req().getContentLengthLong() > 0 || ctx.header("Transfer-Encoding") != null;
    }
}
