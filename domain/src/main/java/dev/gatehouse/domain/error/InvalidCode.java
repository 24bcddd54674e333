package dev.gatehouse.domain.error;

/**
 * A one-time code (password reset, magic link, email verification) that is wrong, empty, expired, used,
 * exhausted by wrong tries, or for an address without such a code: deliberately one error for all.
 */
public final class InvalidCode extends DomainError {
    public InvalidCode() {
        super("invalid or expired code");
    }
}
