package dev.gatehouse.domain.error;

/** Another user of the same tenant already has this (normalised) email address. */
public final class EmailAlreadyInUse extends DomainError {
    public EmailAlreadyInUse() {
        super("an account with this email already exists");
    }

    /** With a message that says more about where the address was wanted (it must stay caller-safe). */
    public EmailAlreadyInUse(String message) {
        super(message);
    }
}
