package dev.gatehouse.adapters.crypto;

import dev.gatehouse.application.port.out.SecretGenerator;
import java.security.SecureRandom;
import java.util.Base64;

/** Secrets from the platform's cryptographically secure generator, URL-safe base64 without padding. */
public final class SecureRandomSecrets implements SecretGenerator {
    private static final int MIN_BYTES = 16;
    private final SecureRandom random = new SecureRandom();

    @Override
    public String newSecret(int bytes) {
        if (bytes < MIN_BYTES) {
            throw new IllegalArgumentException("secrets carry at least 128 bits, asked for " + bytes + " bytes");
        }
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
}
