package dev.gatehouse.domain.error;

/**
 * A second-factor change that does not fit the user's factors as they are: enrolling while TOTP is on,
 * confirming with no enrolment pending, turning off or renewing codes while TOTP is off.
 */
public final class MfaConflict extends DomainError {
    public MfaConflict(String message) {
        super(message);
    }

    public static MfaConflict alreadyOn() {
        return new MfaConflict("TOTP is on already: turn it off first to enrol a new authenticator");
    }

    public static MfaConflict nothingPending() {
        return new MfaConflict("no TOTP enrolment is pending: start one with POST /v1/me/mfa/totp");
    }

    public static MfaConflict notOn() {
        return new MfaConflict("TOTP is not on for this user");
    }
}
