package dev.gatehouse.adapters.http.auth;

import io.javalin.http.HandlerType;
import dev.gatehouse.adapters.http.Endpoints;
import dev.gatehouse.adapters.http.RequestContext;
import dev.gatehouse.adapters.http.Routes;
import dev.gatehouse.application.auth.port.in.AuthUseCases;
import dev.gatehouse.application.sessions.port.in.SessionsUseCases;

import dev.gatehouse.adapters.http.users.UserResponse;

import dev.gatehouse.adapters.http.web.BearerToken;
import dev.gatehouse.adapters.http.web.JsonResponses;
import dev.gatehouse.adapters.http.web.RequestClient;
import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.auth.port.in.LoginUseCase;
import dev.gatehouse.application.sessions.port.in.RefreshUseCase;
import dev.gatehouse.application.auth.port.in.RegisterUserUseCase;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.User;
import io.javalin.http.Context;

/**
 * The native {@code /v1} sign-up, sign-in, refresh, sign-out and current-user routes. Sign-ins get the
 * short-lived {@link TokenProfile#NATIVE} access token and a refresh token. Errors become problem+json.
 */
public record NativeAuthController(AuthUseCases auth, SessionsUseCases sessions, RequestContext http)
        implements Endpoints {
    @Override
    public void register(Routes routes) {
        routes.add(HandlerType.POST, "/v1/auth/signup", this::signUp);
        routes.add(HandlerType.POST, "/v1/auth/signin", this::signIn);
        routes.add(HandlerType.POST, "/v1/auth/refresh", this::refresh);
        routes.add(HandlerType.POST, "/v1/auth/signout", this::signOut);
        routes.add(HandlerType.GET, "/v1/me", this::me);
    }

    /**
     * {@code POST /v1/auth/signup}: 201 with the tokens and the new user; or, when the tenant requires verified
     * addresses or protects sign-up against enumeration, 202 {@code {"verificationRequired":true}} (for every
     * address, taken or not, under enumeration protection) and tokens only by signing in once verified.
     */
    public void signUp(Context ctx) {
        Tenant tenant = http.tenants().forNativeRoute(ctx);
        SignUpRequest request = SignUpRequest.from(http.bodies().read(ctx, SignUpRequest.FIELDS));
        RegisterUserUseCase.SignUpOutcome outcome = auth.registerUser().signUp(new RegisterUserUseCase.Command(
                tenant.id(), request.email(), request.password(), RequestClient.of(ctx), TokenProfile.NATIVE));
        switch (outcome) {
            case RegisterUserUseCase.SignUpOutcome.Registered registered ->
                    SignInResponses.write(ctx, 201, registered.signedIn(), http.clock().instant());
            case RegisterUserUseCase.SignUpOutcome.VerificationPending pending ->
                    JsonResponses.write(ctx, 202, new VerificationPendingResponse(true));
        }
    }

    /** The answer of a sign-up that waits for the address to be verified. */
    record VerificationPendingResponse(boolean verificationRequired) {
    }

    /**
     * {@code POST /v1/auth/signin}: 200 with the tokens and the user, or with the second step the user's factor
     * (or the tenant's MFA policy) asks for ({@link SignInResponses}).
     */
    public void signIn(Context ctx) {
        Tenant tenant = http.tenants().forNativeRoute(ctx);
        SignInRequest request = SignInRequest.from(http.bodies().read(ctx, SignInRequest.FIELDS));
        SignInResponses.write(ctx, 200, auth.login().login(new LoginUseCase.Command(tenant.id(), request.email(),
                request.password(), RequestClient.of(ctx), TokenProfile.NATIVE)), http.clock().instant());
    }

    /**
     * {@code POST /v1/auth/refresh}: the refresh token in the body is the credential (no bearer token);
     * 200 with the next access and refresh tokens. A bad, expired or revoked one is 401; one that a
     * concurrent request exchanged a moment ago is 409.
     */
    public void refresh(Context ctx) {
        Tenant tenant = http.tenants().forNativeRoute(ctx);
        RefreshRequest request = RefreshRequest.from(http.bodies().read(ctx, RefreshRequest.FIELDS));
        Authenticated refreshed = sessions.refresh().refresh(
                new RefreshUseCase.Command(tenant.id(), request.refreshToken(), RequestClient.of(ctx)));
        JsonResponses.write(ctx, 200, AuthResponse.from(refreshed, http.clock().instant()));
    }

    /** {@code POST /v1/auth/signout?scope=current|others|all}: 204 once the sessions are ended. */
    public void signOut(Context ctx) {
        Tenant tenant = http.tenants().forNativeRoute(ctx);
        Principal principal = sessions.authenticate().authenticate(tenant.id(), BearerToken.from(ctx));
        sessions.signOut().signOut(principal, SignOutScopes.from(ctx.queryString()), RequestClient.of(ctx));
        ctx.status(204);
    }

    /**
     * {@code GET /v1/me}: the signed-in user. Besides Gatehouse's own access tokens this route accepts a token
     * of an external issuer the tenant trusts, mapped to the user its claim names. The external path is tried
     * only after Gatehouse's own verification refused the token, so Gatehouse tokens take the same path as ever.
     */
    public void me(Context ctx) {
        Tenant tenant = http.tenants().forNativeRoute(ctx);
        String token = BearerToken.from(ctx);
        Principal principal;
        try {
            principal = sessions.authenticate().authenticate(tenant.id(), token);
        } catch (Unauthenticated refused) {
            if (refused.reason() == Unauthenticated.Reason.MISSING
                    || !auth.externalTokens().trustsExternalIssuers(tenant)) {
                throw refused;
            }
            User external = auth.externalTokens().currentUser(tenant, token).orElseThrow(() -> refused);
            JsonResponses.write(ctx, 200, UserResponse.from(external));
            return;
        }
        User user = sessions.currentUser().currentUser(principal);
        JsonResponses.writeJson(ctx, 200, UserResponse.from(user).toJson());
    }
}
