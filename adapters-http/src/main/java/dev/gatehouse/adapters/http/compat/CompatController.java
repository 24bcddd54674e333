package dev.gatehouse.adapters.http.compat;

import io.javalin.http.HandlerType;
import dev.gatehouse.adapters.http.Endpoints;
import dev.gatehouse.adapters.http.RequestContext;
import dev.gatehouse.adapters.http.Routes;
import dev.gatehouse.application.auth.port.in.AuthUseCases;
import dev.gatehouse.application.sessions.port.in.SessionsUseCases;

import dev.gatehouse.adapters.http.web.BearerToken;
import dev.gatehouse.adapters.http.web.JsonResponses;
import dev.gatehouse.adapters.http.web.RequestClient;
import dev.gatehouse.adapters.http.web.JsonFields;
import dev.gatehouse.application.recovery.port.in.ChangePasswordUseCase;
import dev.gatehouse.application.auth.port.in.LoginUseCase;
import dev.gatehouse.application.auth.port.in.RegisterUserUseCase;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.error.NotPermitted;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import io.javalin.http.Context;
import java.util.Set;

/**
 * StaticBackend's user routes, as its client libraries expect them: 200 with {@code application/json}
 * on success (a token is a bare JSON string), plain-text errors. Failures are thrown as domain errors or
 * {@link dev.gatehouse.adapters.http.problem.RequestRejected} and rendered by the API's error handling.
 * Sign-ins here get the long-lived {@link TokenProfile#COMPAT} access token and no refresh token on the
 * wire: StaticBackend's clients never refresh.
 */
public record CompatController(AuthUseCases auth, SessionsUseCases sessions, ChangePasswordUseCase changePassword,
                               RequestContext http) implements Endpoints {
    private static final Set<String> CHANGE_PASSWORD = Set.of("email", "oldPassword", "newPassword");


    @Override
    public void register(Routes routes) {
        routes.add(HandlerType.POST, "/register", this::register);
        routes.add(HandlerType.POST, "/login", this::login);
        routes.add(HandlerType.GET, "/me", this::me);
        routes.add(HandlerType.POST, "/user/changepw", this::changePassword);
    }

    /** {@code POST /register}: opens an account whose first user is its admin; answers the token. */
    public void register(Context ctx) {
        Tenant tenant = http.tenants().forCompatRoute(ctx);
        CredentialsRequest request = CredentialsRequest.from(http.bodies().read(ctx, CredentialsRequest.FIELDS));
        String token = CompatSignIn.token(auth.registerUser().register(
                new RegisterUserUseCase.Command(tenant.id(), request.email(), request.password(),
                        RequestClient.of(ctx), TokenProfile.COMPAT)));
        JsonResponses.write(ctx, 200, token);
    }

    /** {@code POST /login}: answers the token. */
    public void login(Context ctx) {
        Tenant tenant = http.tenants().forCompatRoute(ctx);
        CredentialsRequest request = CredentialsRequest.from(http.bodies().read(ctx, CredentialsRequest.FIELDS));
        String token = CompatSignIn.token(auth.login().login(new LoginUseCase.Command(tenant.id(), request.email(),
                request.password(), RequestClient.of(ctx), TokenProfile.COMPAT)));
        JsonResponses.write(ctx, 200, token);
    }

    /** {@code GET /me}: the signed-in user. */
    public void me(Context ctx) {
        Tenant tenant = http.tenants().forCompatRoute(ctx);
        Principal principal = sessions.authenticate().authenticate(tenant.id(), BearerToken.from(ctx));
        JsonResponses.writeJson(ctx, 200, MeResponse.from(sessions.currentUser().currentUser(principal)).toJson());
    }

    /**
     * {@code POST /user/changepw} (StaticBackend's Go client {@code SetPassword}): {@code true} once changed. The
     * same use case as {@code POST /v1/auth/password/change}: the old password is checked (and throttled like a
     * sign-in), the tenant's policy applies to the new one, and the user's other sessions end. {@code email} must
     * be the signed-in user's own address (403 otherwise): this route never changes another user's password.
     */
    public void changePassword(Context ctx) {
        Tenant tenant = http.tenants().forCompatRoute(ctx);
        Principal principal = sessions.authenticate().authenticate(tenant.id(), BearerToken.from(ctx));
        JsonFields body = http.bodies().read(ctx, CHANGE_PASSWORD);
        EmailAddress email = new EmailAddress(body.string("email"));
        Password old = required(body, "oldPassword");
        Password next = required(body, "newPassword");
        if (!sessions.currentUser().currentUser(principal).email().equals(email)) {
            throw new NotPermitted("email must be the signed-in user's own address");
        }
        try {
            changePassword.change(principal, old, next, RequestClient.of(ctx));
        } catch (InvalidInput e) {
            // the use case names the native field; this route calls it oldPassword
            throw "currentPassword".equals(e.field()) ? new InvalidInput("oldPassword", "is not the current password") : e;
        }
        JsonResponses.write(ctx, 200, true);
    }

    private static Password required(JsonFields body, String field) {
        try {
            return new Password(body.string(field));
        } catch (InvalidInput e) {
            String message = e.getMessage();
            throw new InvalidInput(field, message.substring(message.indexOf(':') + 2));
        }
    }
}
