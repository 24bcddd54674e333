package dev.gatehouse.domain.error;

/**
 * An {@code mfaToken} that is unknown, expired, spent, for another tenant, or exhausted by wrong codes:
 * deliberately one error for all. The user signs in again with the password (or link) to get a new one.
 */
public final class InvalidMfaToken extends DomainError {
    public InvalidMfaToken() {
        super("the mfaToken is unknown, expired, used or exhausted: sign in again");
    }
}
