package dev.gatehouse.application.support;

import dev.gatehouse.domain.Digests;

/**
 * How high-entropy secrets (refresh tokens) are stored: SHA-256, hex. A fast hash is right here, unlike
 * for passwords: the secret has 256 bits of randomness, so there is nothing to brute-force, and look-up
 * by hash means no secret is ever compared in variable time.
 */
public final class SecretHashing {
    private SecretHashing() {
    }

    public static String sha256Hex(String secret) {
        return Digests.sha256Hex(secret);
    }
}
