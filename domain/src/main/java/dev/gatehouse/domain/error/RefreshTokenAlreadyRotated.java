package dev.gatehouse.domain.error;

/**
 * The refresh token was exchanged a moment ago, within the grace window, most likely by a concurrent
 * request of the same client (two browser tabs). Nothing was revoked: the client should use the tokens
 * that the other request received.
 */
public final class RefreshTokenAlreadyRotated extends DomainError {
    public RefreshTokenAlreadyRotated() {
        super("refresh token was just used by another request; use the tokens it returned");
    }
}
