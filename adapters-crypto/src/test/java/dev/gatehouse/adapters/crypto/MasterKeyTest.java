package dev.gatehouse.adapters.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class MasterKeyTest {
    private final MasterKey key = MasterKey.fromBase64(MasterKey.generateBase64());
    private final byte[] secret = "private key material".getBytes(StandardCharsets.UTF_8);

    @Test
    void opensWhatItSealedForTheSameContext() {
        byte[] sealed = key.seal(secret, "ctx-1");

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("private key material");
        assertThat(key.open(sealed, "ctx-1")).isEqualTo(secret);
        assertThat(key.seal(secret, "ctx-1")).isNotEqualTo(sealed); // fresh nonce each time
    }

    @Test
    void refusesAnotherContextAnotherKeyOrTamperedBytes() {
        byte[] sealed = key.seal(secret, "ctx-1");
        byte[] tampered = sealed.clone();
        tampered[tampered.length - 1] ^= 1;

        assertThatThrownBy(() -> key.open(sealed, "ctx-2")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> MasterKey.fromBase64(MasterKey.generateBase64()).open(sealed, "ctx-1"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> key.open(tampered, "ctx-1")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> key.open(new byte[3], "ctx-1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void acceptsOnlyThirtyTwoBytesOfBase64() {
        assertThatThrownBy(() -> MasterKey.fromBase64("not base64!")).hasMessageContaining("base64");
        assertThatThrownBy(() -> MasterKey.fromBase64(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
        String urlSafe = Base64.getUrlEncoder().encodeToString(new byte[32]);
        assertThat(MasterKey.fromBase64(urlSafe)).isNotNull();
    }
}
