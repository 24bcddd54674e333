package dev.gatehouse.adapters.http.compat;

import dev.gatehouse.adapters.http.BearerToken;
import dev.gatehouse.adapters.http.JsonBodyReader;
import dev.gatehouse.adapters.http.JsonResponses;
import dev.gatehouse.adapters.http.RequestClient;
import dev.gatehouse.adapters.http.TenantSelector;
import dev.gatehouse.application.port.in.AuthenticateUseCase;
import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.port.in.GetCurrentUserUseCase;
import dev.gatehouse.application.port.in.LoginUseCase;
import dev.gatehouse.application.port.in.RegisterUserUseCase;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.tenant.Tenant;
import io.javalin.http.Context;

/**
 * StaticBackend's user routes, as its client libraries expect them: 200 with {@code application/json}
 * on success (a token is a bare JSON string), plain-text errors. Failures are thrown as domain errors or
 * {@link dev.gatehouse.adapters.http.problem.RequestRejected} and rendered by the API's error handling.
 * Sign-ins here get the long-lived {@link TokenProfile#COMPAT} access token and no refresh token on the
 * wire: StaticBackend's clients never refresh.
 */
public final class CompatController {
    private final RegisterUserUseCase registerUser;
    private final LoginUseCase login;
    private final AuthenticateUseCase authenticate;
    private final GetCurrentUserUseCase currentUser;
    private final TenantSelector tenants;
    private final JsonBodyReader bodies;

    public CompatController(RegisterUserUseCase registerUser, LoginUseCase login, AuthenticateUseCase authenticate,
                            GetCurrentUserUseCase currentUser, TenantSelector tenants, JsonBodyReader bodies) {
        this.registerUser = registerUser;
        this.login = login;
        this.authenticate = authenticate;
        this.currentUser = currentUser;
        this.tenants = tenants;
        this.bodies = bodies;
    }

    /** {@code POST /register}: opens an account whose first user is its admin; answers the token. */
    public void register(Context ctx) {
        Tenant tenant = tenants.forCompatRoute(ctx);
        CredentialsRequest request = CredentialsRequest.from(bodies.read(ctx, CredentialsRequest.FIELDS));
        Authenticated registered = registerUser.register(
                new RegisterUserUseCase.Command(tenant.id(), request.email(), request.password(),
                        RequestClient.of(ctx), TokenProfile.COMPAT));
        JsonResponses.write(ctx, 200, registered.accessToken().value());
    }

    /** {@code POST /login}: answers the token. */
    public void login(Context ctx) {
        Tenant tenant = tenants.forCompatRoute(ctx);
        CredentialsRequest request = CredentialsRequest.from(bodies.read(ctx, CredentialsRequest.FIELDS));
        Authenticated signedIn = login.login(new LoginUseCase.Command(tenant.id(), request.email(), request.password(),
                RequestClient.of(ctx), TokenProfile.COMPAT));
        JsonResponses.write(ctx, 200, signedIn.accessToken().value());
    }

    /** {@code GET /me}: the signed-in user. */
    public void me(Context ctx) {
        Tenant tenant = tenants.forCompatRoute(ctx);
        Principal principal = authenticate.authenticate(tenant.id(), BearerToken.from(ctx));
        JsonResponses.writeJson(ctx, 200, MeResponse.from(currentUser.currentUser(principal)).toJson());
    }
}
