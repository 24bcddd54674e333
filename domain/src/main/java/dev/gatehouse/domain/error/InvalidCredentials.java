package dev.gatehouse.domain.error;

/** Unknown email, wrong password or a user who may not sign in: deliberately one error for all. */
public final class InvalidCredentials extends DomainError {
    public InvalidCredentials() {
        super("invalid email/password");
    }
}
