package dev.gatehouse.adapters.http.mfa;

import dev.gatehouse.adapters.http.Endpoints;
import dev.gatehouse.adapters.http.RequestContext;
import dev.gatehouse.adapters.http.Routes;
import dev.gatehouse.adapters.http.auth.AuthResponse;
import dev.gatehouse.adapters.http.users.UserResponse;
import dev.gatehouse.adapters.http.web.BearerToken;
import dev.gatehouse.adapters.http.web.JsonFields;
import dev.gatehouse.adapters.http.web.JsonResponses;
import dev.gatehouse.adapters.http.web.RequestClient;
import dev.gatehouse.application.mfa.port.in.EnrolTotpUseCase;
import dev.gatehouse.application.mfa.port.in.ManageMfaUseCase;
import dev.gatehouse.application.mfa.port.in.MfaActor;
import dev.gatehouse.application.mfa.port.in.MfaUseCases;
import dev.gatehouse.application.mfa.port.in.ReauthenticateUseCase;
import dev.gatehouse.application.mfa.port.in.VerifyMfaUseCase;
import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.port.in.SecondFactorRequired;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.application.sessions.port.in.SessionsUseCases;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.mfa.RecoveryCode;
import dev.gatehouse.domain.mfa.TotpCode;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.Password;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A user's second factors and the second step of sign-in (docs/mfa.md):
 * {@code GET /v1/me/mfa}, {@code POST|DELETE /v1/me/mfa/totp}, {@code POST /v1/me/mfa/totp/confirm},
 * {@code POST /v1/me/mfa/recovery-codes}, {@code POST /v1/auth/mfa/verify}, {@code POST /v1/auth/reauthenticate}.
 * The enrolment routes take, as the bearer token, an access token or the {@code mfaToken} of a sign-in that must
 * enrol a factor first (tenant policy {@code mfa.required: all}); no other route takes an {@code mfaToken}.
 */
public record MfaController(MfaUseCases mfa, SessionsUseCases sessions, RequestContext http) implements Endpoints {
    private static final Set<String> CODE = Set.of("code");
    private static final Set<String> CODE_OR_RECOVERY = Set.of("code", "recoveryCode");
    private static final Set<String> VERIFY = Set.of("mfaToken", "code", "recoveryCode");
    private static final Set<String> REAUTHENTICATE = Set.of("password", "code");

    @Override
    public void register(Routes routes) {
        routes.add(HandlerType.GET, "/v1/me/mfa", this::status);
        routes.add(HandlerType.POST, "/v1/me/mfa/totp", this::begin);
        routes.add(HandlerType.POST, "/v1/me/mfa/totp/confirm", this::confirm);
        routes.add(HandlerType.DELETE, "/v1/me/mfa/totp", this::disable);
        routes.add(HandlerType.POST, "/v1/me/mfa/recovery-codes", this::renewRecoveryCodes);
        routes.add(HandlerType.POST, "/v1/auth/mfa/verify", this::verify);
        routes.add(HandlerType.POST, "/v1/auth/reauthenticate", this::reauthenticate);
    }

    /** {@code GET /v1/me/mfa}: which factors are on, whether an enrolment is pending, recovery codes left. */
    public void status(Context ctx) {
        ManageMfaUseCase.Status status = mfa.manageMfa().status(principal(ctx));
        JsonResponses.write(ctx, 200, new StatusResponse(status.totpEnabled(), status.totpPending(),
                status.recoveryCodesLeft(), status.totpEnabled() ? List.of("totp") : List.of()));
    }

    /** {@code POST /v1/me/mfa/totp} (no body): 200 with a pending enrolment's secret, URI and QR code. */
    public void begin(Context ctx) {
        EnrolTotpUseCase.Enrolment enrolment = mfa.enrolTotp().begin(actor(ctx), RequestClient.of(ctx));
        JsonResponses.write(ctx, 200, new EnrolmentResponse(enrolment.secret(), enrolment.otpauthUri(),
                enrolment.qrSvg()));
    }

    /**
     * {@code POST /v1/me/mfa/totp/confirm} {@code {"code"}}: 200 with the ten recovery codes (shown once); with an
     * enrolment {@code mfaToken}, also the tokens of the sign-in it completes.
     */
    public void confirm(Context ctx) {
        MfaActor actor = actor(ctx);
        JsonFields body = http.bodies().read(ctx, CODE);
        EnrolTotpUseCase.Confirmed confirmed = mfa.enrolTotp().confirm(actor, new EnrolTotpUseCase.ConfirmCommand(
                TotpCode.parse("code", body.string("code")), RequestClient.of(ctx), TokenProfile.NATIVE));
        List<String> codes = displayed(confirmed.recoveryCodes());
        if (confirmed.signedIn().isPresent()) {
            AuthResponse tokens = AuthResponse.from(confirmed.signedIn().get(), http.clock().instant());
            JsonResponses.write(ctx, 200, new SignedInRecoveryCodesResponse(codes, tokens.accessToken(),
                    tokens.refreshToken(), tokens.tokenType(), tokens.expiresIn(), tokens.user()));
        } else {
            JsonResponses.write(ctx, 200, new RecoveryCodesResponse(codes));
        }
    }

    /** {@code DELETE /v1/me/mfa/totp} {@code {"code"}} or {@code {"recoveryCode"}}: 204 once TOTP is off. */
    public void disable(Context ctx) {
        Principal principal = principal(ctx);
        JsonFields body = http.bodies().read(ctx, CODE_OR_RECOVERY);
        mfa.manageMfa().disable(principal, new ManageMfaUseCase.DisableCommand(totp(body), recovery(body),
                RequestClient.of(ctx)));
        ctx.status(204);
    }

    /** {@code POST /v1/me/mfa/recovery-codes} {@code {"code"}}: 200 with ten new codes; the old ones are void. */
    public void renewRecoveryCodes(Context ctx) {
        Principal principal = principal(ctx);
        JsonFields body = http.bodies().read(ctx, CODE);
        List<RecoveryCode> codes = mfa.manageMfa().renewRecoveryCodes(principal, new ManageMfaUseCase.RenewCommand(
                TotpCode.parse("code", body.string("code")), RequestClient.of(ctx)));
        JsonResponses.write(ctx, 200, new RecoveryCodesResponse(displayed(codes)));
    }

    /**
     * {@code POST /v1/auth/mfa/verify} {@code {"mfaToken", "code"}} or {@code {"mfaToken", "recoveryCode"}}
     * (publishable key): 200 with the tokens of the session the first step held back.
     */
    public void verify(Context ctx) {
        Tenant tenant = http.tenants().forNativeRoute(ctx);
        JsonFields body = http.bodies().read(ctx, VERIFY);
        String token = body.string("mfaToken");
        if (token == null || token.isBlank() || token.length() > BearerToken.MAX_TOKEN_LENGTH) {
            throw new InvalidInput("mfaToken",
                    "is required: the mfaToken the sign-in answered");
        }
        Authenticated verified = mfa.verifyMfa().verify(new VerifyMfaUseCase.Command(tenant.id(), token,
                totp(body), recovery(body), RequestClient.of(ctx), TokenProfile.NATIVE));
        JsonResponses.write(ctx, 200, AuthResponse.from(verified, http.clock().instant()));
    }

    /** {@code POST /v1/auth/reauthenticate} {@code {"password"}} or {@code {"code"}}: 200, the step-up renewed. */
    public void reauthenticate(Context ctx) {
        Principal principal = principal(ctx);
        JsonFields body = http.bodies().read(ctx, REAUTHENTICATE);
        String password = body.string("password");
        mfa.reauthenticate().reauthenticate(principal, new ReauthenticateUseCase.Command(
                Optional.ofNullable(password).map(Password::new), totp(body), RequestClient.of(ctx)));
        JsonResponses.write(ctx, 200, new ReauthenticatedResponse(true, http.clock().instant().toString()));
    }

    private Principal principal(Context ctx) {
        Tenant tenant = http.tenants().forNativeRoute(ctx);
        return sessions.authenticate().authenticate(tenant.id(), BearerToken.from(ctx));
    }

    /** An enrolment mfaToken, or else an access token. */
    private MfaActor actor(Context ctx) {
        Tenant tenant = http.tenants().forNativeRoute(ctx);
        String token = BearerToken.from(ctx); // null without one: authenticate answers 401 "missing"
        if (token != null && token.startsWith(SecondFactorRequired.TOKEN_PREFIX)) {
            return new MfaActor.Enrolling(tenant.id(), token);
        }
        return new MfaActor.SignedIn(sessions.authenticate().authenticate(tenant.id(), token));
    }

    private static Optional<TotpCode> totp(JsonFields body) {
        return Optional.ofNullable(body.string("code")).map(code -> TotpCode.parse("code", code));
    }

    private static Optional<RecoveryCode> recovery(JsonFields body) {
        return Optional.ofNullable(body.string("recoveryCode")).map(code -> RecoveryCode.parse("recoveryCode", code));
    }

    private static List<String> displayed(List<RecoveryCode> codes) {
        return codes.stream().map(RecoveryCode::display).toList();
    }

    record StatusResponse(boolean totpEnabled, boolean totpPending, int recoveryCodesLeft, List<String> methods) {
    }

    record EnrolmentResponse(String secret, String otpauthUri, String qrSvg) {
        @Override
        public String toString() {
            return "EnrolmentResponse[hidden]";
        }
    }

    record RecoveryCodesResponse(List<String> recoveryCodes) {
        @Override
        public String toString() {
            return "RecoveryCodesResponse[hidden]";
        }
    }

    record SignedInRecoveryCodesResponse(List<String> recoveryCodes, String accessToken, String refreshToken,
                                         String tokenType, long expiresIn,
                                         UserResponse user) {
        @Override
        public String toString() {
            return "SignedInRecoveryCodesResponse[hidden]";
        }
    }

    record ReauthenticatedResponse(boolean reauthenticated, String at) {
    }
}
