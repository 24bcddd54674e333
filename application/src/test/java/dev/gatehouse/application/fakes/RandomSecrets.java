package dev.gatehouse.application.fakes;

import dev.gatehouse.application.port.out.SecretGenerator;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Real randomness (tests need secrets to be distinct, not predictable), refusing what the production
 * generator refuses (fewer than 16 bytes), so a use case asking for too few fails in its unit tests too.
 */
public final class RandomSecrets implements SecretGenerator {
    private final SecureRandom random = new SecureRandom();

    @Override
    public String newSecret(int bytes) {
        if (bytes < 16) {
            throw new IllegalArgumentException("secrets carry at least 128 bits, asked for " + bytes + " bytes");
        }
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
}
