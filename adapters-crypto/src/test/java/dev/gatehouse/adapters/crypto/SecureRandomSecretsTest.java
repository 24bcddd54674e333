package dev.gatehouse.adapters.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecureRandomSecretsTest {
    private final SecureRandomSecrets secrets = new SecureRandomSecrets();

    @Test
    void makesUrlSafeSecretsOfTheRequestedStrengthThatDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String secret = secrets.newSecret(32);
            assertThat(secret).matches("[A-Za-z0-9_-]{43}");
            assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(32);
            seen.add(secret);
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void refusesSecretsWeakerThan128Bits() {
        assertThatThrownBy(() -> secrets.newSecret(15)).isInstanceOf(IllegalArgumentException.class);
    }
}
