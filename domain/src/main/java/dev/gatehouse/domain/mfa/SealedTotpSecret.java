package dev.gatehouse.domain.mfa;

import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.UserId;
import java.util.Objects;
import java.util.function.BinaryOperator;

/**
 * A {@link TotpSecret} sealed with the server's master key: the only form in which a secret is stored. The
 * sealing itself is the application's {@code SecretSealer} (AES-256-GCM with the master key); this type fixes
 * what is sealed (the secret's base32 form) and the context it is bound to ({@link TotpFactor#sealingContext}),
 * so that every caller seals and opens alike and a sealed value moved to another user's row does not open:
 * <pre>{@code
 * SealedTotpSecret sealed = SealedTotpSecret.seal(secret, tenantId, userId, secretSealer::seal);
 * TotpSecret secret = sealed.open(tenantId, userId, secretSealer::open);
 * }</pre>
 */
public record SealedTotpSecret(String value) {
    public SealedTotpSecret {
        Objects.requireNonNull(value, "sealed secret");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a sealed secret cannot be blank");
        }
    }

    /** Seals {@code secret} for this user with {@code sealer} (plaintext, context) -> sealed text. */
    public static SealedTotpSecret seal(TotpSecret secret, TenantId tenantId, UserId userId,
                                        BinaryOperator<String> sealer) {
        return new SealedTotpSecret(sealer.apply(secret.base32(), TotpFactor.sealingContext(tenantId, userId)));
    }

    /**
     * Opens this secret of this user with {@code opener} (sealed text, context) -> plaintext, which throws when the
     * value was not sealed with its key for this context.
     */
    public TotpSecret open(TenantId tenantId, UserId userId, BinaryOperator<String> opener) {
        return TotpSecret.fromBase32(opener.apply(value, TotpFactor.sealingContext(tenantId, userId)));
    }

    @Override
    public String toString() {
        return "SealedTotpSecret[hidden]";
    }
}
