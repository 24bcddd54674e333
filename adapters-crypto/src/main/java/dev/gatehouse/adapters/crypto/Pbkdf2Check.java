package dev.gatehouse.adapters.crypto;

import com.password4j.PBKDF2Function;
import com.password4j.types.Hmac;
import dev.gatehouse.domain.user.ImportedPasswordHash;
import dev.gatehouse.domain.user.Password;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Verifies an imported PBKDF2 hash (Django's or Keycloak's, ADR 0028): the key is derived by Password4j from the
 * password's UTF-8 bytes and the stored salt's bytes, as both systems derive it, and compared with the stored key in
 * constant time. The bounds were checked by {@link ImportedPasswordHash#parse} before this runs.
 */
final class Pbkdf2Check {
    private Pbkdf2Check() {
    }

    static boolean matches(Password password, ImportedPasswordHash.Pbkdf2 stored) {
        Hmac hmac = switch (stored.digest()) {
            case SHA256 -> Hmac.SHA256;
            case SHA512 -> Hmac.SHA512;
        };
        byte[] derived = PBKDF2Function.getInstance(hmac, stored.iterations(), stored.digest().keyBytes() * 8)
                .hash(password.value().getBytes(StandardCharsets.UTF_8), stored.salt())
                .getBytes();
        return MessageDigest.isEqual(derived, stored.derivedKey());
    }
}
