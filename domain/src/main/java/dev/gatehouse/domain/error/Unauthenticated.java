package dev.gatehouse.domain.error;

/** No usable credential: missing, malformed, expired, revoked or issued for another tenant. */
public final class Unauthenticated extends DomainError {
    public enum Reason { MISSING, INVALID, EXPIRED }

    private final Reason reason;

    public Unauthenticated(Reason reason) {
        super(switch (reason) {
            case MISSING -> "missing authorization token";
            case INVALID -> "invalid authorization token";
            case EXPIRED -> "authorization token has expired";
        });
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
