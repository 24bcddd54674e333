package dev.gatehouse.application.fakes;

import dev.gatehouse.application.port.out.SecretGenerator;
import java.security.SecureRandom;
import java.util.Base64;

/** Real randomness (tests need secrets to be distinct, not predictable). */
public final class RandomSecrets implements SecretGenerator {
    private final SecureRandom random = new SecureRandom();

    @Override
    public String newSecret(int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
}
