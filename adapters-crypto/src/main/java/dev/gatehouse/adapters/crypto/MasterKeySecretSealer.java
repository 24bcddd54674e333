package dev.gatehouse.adapters.crypto;

import dev.gatehouse.application.port.out.SecretSealer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** {@link SecretSealer} with the master key (AES-256-GCM, ADR 0005); sealed values are base64 text. */
public final class MasterKeySecretSealer implements SecretSealer {
    private final MasterKey masterKey;

    public MasterKeySecretSealer(MasterKey masterKey) {
        this.masterKey = masterKey;
    }

    @Override
    public String seal(String plaintext, String context) {
        return Base64.getEncoder().encodeToString(masterKey.seal(plaintext.getBytes(StandardCharsets.UTF_8), context));
    }

    @Override
    public String open(String sealed, String context) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(sealed);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("not a sealed value");
        }
        return new String(masterKey.open(raw, context), StandardCharsets.UTF_8);
    }
}
