package dev.gatehouse.domain.mfa;

import java.util.Objects;

/**
 * A {@link TotpSecret} sealed with the server's master key (the application's {@code SecretSealer}, bound to
 * {@link TotpFactor#sealingContext}): the only form in which a secret is stored. Opaque to the domain.
 */
public record SealedTotpSecret(String value) {
    public SealedTotpSecret {
        Objects.requireNonNull(value, "sealed secret");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a sealed secret cannot be blank");
        }
    }

    @Override
    public String toString() {
        return "SealedTotpSecret[hidden]";
    }
}
