package dev.gatehouse.application.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How high-entropy secrets (refresh tokens) are stored: SHA-256, hex. A fast hash is right here, unlike
 * for passwords: the secret has 256 bits of randomness, so there is nothing to brute-force, and look-up
 * by hash means no secret is ever compared in variable time.
 */
public final class SecretHashing {
    private SecretHashing() {
    }

    public static String sha256Hex(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
