package dev.gatehouse.adapters.http.auth;

import dev.gatehouse.adapters.http.web.JsonResponses;
import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.port.in.SecondFactorRequired;
import dev.gatehouse.application.port.in.SignInOutcome;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The native answer of every route that signs in (sign-in, sign-up, magic-link verify): the tokens, or the second
 * step the session gate asks for, with no access or refresh token: {@code {"mfaRequired": true, "mfaToken",
 * "methods", "expiresIn"}} for a user with a factor, {@code {"mfaEnrollmentRequired": true, "mfaToken",
 * "expiresIn"}} under the tenant's {@code mfa.required: all} for a user without one (docs/mfa.md).
 */
public final class SignInResponses {
    private SignInResponses() {
    }

    public static void write(Context ctx, int status, SignInOutcome outcome, Instant now) {
        switch (outcome) {
            case Authenticated authenticated -> JsonResponses.write(ctx, status, AuthResponse.from(authenticated, now));
            case SecondFactorRequired step -> {
                long expiresIn = Math.max(0, Duration.between(now, step.expiresAt()).toSeconds());
                JsonResponses.write(ctx, status, step.enrolmentRequired()
                        ? new MfaEnrollmentRequiredResponse(true, step.mfaToken(), expiresIn)
                        : new MfaRequiredResponse(true, step.mfaToken(), SecondFactorRequired.METHODS, expiresIn));
            }
        }
    }

    record MfaRequiredResponse(boolean mfaRequired, String mfaToken, List<String> methods, long expiresIn) {
        @Override
        public String toString() {
            return "MfaRequiredResponse[hidden]";
        }
    }

    record MfaEnrollmentRequiredResponse(boolean mfaEnrollmentRequired, String mfaToken, long expiresIn) {
        @Override
        public String toString() {
            return "MfaEnrollmentRequiredResponse[hidden]";
        }
    }
}
