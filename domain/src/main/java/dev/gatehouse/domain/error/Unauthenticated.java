package dev.gatehouse.domain.error;

/** No usable credential: missing, malformed, expired, revoked or issued for another tenant. */
public final class Unauthenticated extends DomainError {
    /**
     * {@code SECOND_FACTOR_REQUIRED}: the credential was right but the user has a second factor, and the route
     * (StaticBackend's {@code /login}, {@code /register}, {@code GET /login/magic}) cannot take a second step.
     */
    public enum Reason { MISSING, INVALID, EXPIRED, SECOND_FACTOR_REQUIRED }

    private final Reason reason;

    public Unauthenticated(Reason reason) {
        super(switch (reason) {
            case MISSING -> "missing authorization token";
            case INVALID -> "invalid authorization token";
            case EXPIRED -> "authorization token has expired";
            case SECOND_FACTOR_REQUIRED -> "mfa required: sign in with /v1/auth/signin";
        });
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
