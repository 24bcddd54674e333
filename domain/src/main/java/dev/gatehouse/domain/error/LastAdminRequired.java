package dev.gatehouse.domain.error;

/** The change would leave an account without any administrator. */
public final class LastAdminRequired extends DomainError {
    public LastAdminRequired() {
        super("an account must keep at least one admin");
    }

    public LastAdminRequired(String message) {
        super(message);
    }
}
