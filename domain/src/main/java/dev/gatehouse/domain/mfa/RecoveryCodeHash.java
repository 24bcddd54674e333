package dev.gatehouse.domain.mfa;

import java.util.Objects;
import java.util.regex.Pattern;

/** The stored form of a {@link RecoveryCode}: 64 lower-case hex digits of a SHA-256 (see {@link RecoveryCode#hash}). */
public record RecoveryCodeHash(String hex) {
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");

    public RecoveryCodeHash {
        Objects.requireNonNull(hex, "recovery code hash");
        if (!HEX_SHA256.matcher(hex).matches()) {
            throw new IllegalArgumentException("a recovery code hash is 64 lower-case hex digits");
        }
    }
}
