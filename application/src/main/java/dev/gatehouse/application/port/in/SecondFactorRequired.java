package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.Required;
import dev.gatehouse.domain.mfa.MfaChallenge;
import dev.gatehouse.domain.user.User;
import java.time.Instant;

/**
 * A sign-in whose credential was right but that opens no session yet: the user must give a second-factor code
 * ({@link MfaChallenge.Purpose#VERIFY}), or, under the tenant's {@code mfa.required: all}, enrol one first
 * ({@link MfaChallenge.Purpose#ENROL}). {@code mfaToken} (shown once, stored only as a hash) names this
 * step until {@code expiresAt}.
 */
public record SecondFactorRequired(User user, String mfaToken, MfaChallenge.Purpose purpose, Instant expiresAt)
        implements SignInOutcome {
    /** The methods a {@link MfaChallenge.Purpose#VERIFY} step accepts, as the wire names them. */
    public static final java.util.List<String> METHODS = java.util.List.of("totp", "recovery_code");
    /** What every mfaToken starts with (and no access token does), so a route can tell them apart at a glance. */
    public static final String TOKEN_PREFIX = "mfa_";

    public SecondFactorRequired {
        Required.nonNull("user", user, "mfa token", mfaToken, "purpose", purpose, "expires at", expiresAt);
    }

    public boolean enrolmentRequired() {
        return purpose == MfaChallenge.Purpose.ENROL;
    }

    @Override
    public String toString() {
        return "SecondFactorRequired[user=" + user.id() + ", purpose=" + purpose + "]";
    }
}
