package dev.gatehouse.domain.user;

import java.util.Objects;

/**
 * A stored password hash in its self-describing encoded form (for bcrypt {@code $2b$10$...}): the
 * algorithm and its parameters travel with the hash, so costs can be raised and imported hashes verify.
 */
public record PasswordHash(String encoded) {
    /**
     * No password: a user created through a sign-in provider until a reset sets one. No password matches it (the
     * hasher spends the same work as for a wrong one), and it tells the user has no password to sign in with.
     */
    public static final PasswordHash NONE = new PasswordHash("!none");

    public PasswordHash {
        Objects.requireNonNull(encoded, "encoded hash");
        if (encoded.isBlank()) {
            throw new IllegalArgumentException("an encoded password hash cannot be blank");
        }
    }

    /** Whether a password was ever set (anything but {@link #NONE}). */
    public boolean isSet() {
        return !encoded.equals(NONE.encoded);
    }

    @Override
    public String toString() {
        return "PasswordHash[hidden]";
    }
}
