package dev.gatehouse.domain.error;

/** A new or presented password breaks the tenant's password policy or the hasher's limits. */
public final class PasswordRejected extends DomainError {
    public PasswordRejected(String message) {
        super(message);
    }
}
