package dev.gatehouse.adapters.http.compat;

import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.port.in.SecondFactorRequired;
import dev.gatehouse.application.port.in.SignInOutcome;
import dev.gatehouse.domain.error.Unauthenticated;

/**
 * StaticBackend's routes answer a bare token and its clients cannot take a second step: a sign-in the session gate
 * holds back (a user with a second factor, or a tenant requiring one) is refused with 401 and the plain-text
 * {@code mfa required: sign in with /v1/auth/signin}.
 */
final class CompatSignIn {
    private CompatSignIn() {
    }

    static String token(SignInOutcome outcome) {
        return switch (outcome) {
            case Authenticated authenticated -> authenticated.accessToken().value();
            case SecondFactorRequired step -> throw new Unauthenticated(Unauthenticated.Reason.SECOND_FACTOR_REQUIRED);
        };
    }
}
