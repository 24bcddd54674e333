package dev.gatehouse.domain.user;

import java.util.Objects;

/**
 * A stored password hash in its self-describing encoded form (for bcrypt {@code $2b$10$...}): the
 * algorithm and its parameters travel with the hash, so costs can be raised and imported hashes verify.
 */
public record PasswordHash(String encoded) {
    public PasswordHash {
        Objects.requireNonNull(encoded, "encoded hash");
        if (encoded.isBlank()) {
            throw new IllegalArgumentException("an encoded password hash cannot be blank");
        }
    }

    @Override
    public String toString() {
        return "PasswordHash[hidden]";
    }
}
