package dev.gatehouse.adapters.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MasterKeySecretSealerTest {
    private final MasterKeySecretSealer sealer = new MasterKeySecretSealer(MasterKey.fromBase64(MasterKey.generateBase64()));

    @Test
    void sealsSoThatOnlyTheSameKeyAndContextOpen() {
        String sealed = sealer.seal("the issuer's secret", "tenant-a/issuer");

        assertThat(sealed).doesNotContain("secret");
        assertThat(sealer.open(sealed, "tenant-a/issuer")).isEqualTo("the issuer's secret");
        assertThat(sealer.seal("the issuer's secret", "tenant-a/issuer")).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThatThrownBy(() -> sealer.open(sealed, "tenant-b/issuer")).isInstanceOf(IllegalStateException.class);
        MasterKeySecretSealer otherKey = new MasterKeySecretSealer(MasterKey.fromBase64(MasterKey.generateBase64()));
        assertThatThrownBy(() -> otherKey.open(sealed, "tenant-a/issuer")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> sealer.open("not base64!", "tenant-a/issuer")).isInstanceOf(IllegalStateException.class);
    }
}
