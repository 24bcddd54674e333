package dev.gatehouse.domain.error;

/** No such session among the caller's own (other users' sessions do not exist for the caller). */
public final class SessionNotFound extends DomainError {
    public SessionNotFound() {
        super("session not found");
    }
}
