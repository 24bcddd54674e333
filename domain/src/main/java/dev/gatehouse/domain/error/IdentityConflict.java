package dev.gatehouse.domain.error;

/**
 * A change to a user's provider accounts that cannot be made as things are: the provider account is linked to
 * another user already, or removing it would leave the user no way to sign in (no password, no other identity).
 */
public final class IdentityConflict extends DomainError {
    public IdentityConflict(String message) {
        super(message);
    }

    public static IdentityConflict linkedElsewhere() {
        return new IdentityConflict("this provider account is linked to another user");
    }

    public static IdentityConflict lastSignInMethod() {
        return new IdentityConflict("this is the user's last way to sign in: set a password (a reset sends a link)"
                + " or link another provider first");
    }
}
