package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.user.Password;
import dev.gatehouse.domain.user.PasswordHash;

/** One-way password hashing with self-describing stored hashes. */
public interface PasswordHasher {

    /** Hashes with the currently configured algorithm and parameters. */
    PasswordHash hash(Password password);

    /** Verifies against a stored hash of any supported algorithm or parameters. */
    boolean verify(Password password, PasswordHash hash);

    /**
     * Spends the same work as {@link #verify} against a hash that matches nothing: sign-in for an
     * unknown email must cost as much as for a known one.
     */
    void verifyDecoy(Password password);

    /** True when the hash was made with weaker parameters than the current ones. */
    boolean needsRehash(PasswordHash hash);

    /** The longest password, in UTF-8 bytes, the algorithm uses in full (bcrypt: 72). */
    int maxPasswordBytes();
}
