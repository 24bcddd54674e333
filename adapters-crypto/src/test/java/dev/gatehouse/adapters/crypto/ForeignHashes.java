package dev.gatehouse.adapters.crypto;

import com.password4j.Argon2Function;
import com.password4j.BcryptFunction;
import com.password4j.types.Argon2;
import com.password4j.types.Bcrypt;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes as other systems make them, for tests of imports (ADR 0028): PBKDF2 by the JDK's own
 * implementation (not by the code under test), in Django's form and as Keycloak's exported credential; bcrypt and
 * Argon2 by Password4j.
 */
public final class ForeignHashes {
    private ForeignHashes() {
    }

    /** {@code pbkdf2_sha256$<iterations>$<salt>$<base64 key>} (or sha512) as Django stores it. */
    public static String django(String digest, String password, String salt, int iterations) {
        byte[] key = pbkdf2(digest, password, salt.getBytes(java.nio.charset.StandardCharsets.UTF_8), iterations);
        return "pbkdf2_" + digest + "$" + iterations + "$" + salt + "$" + Base64.getEncoder().encodeToString(key);
    }

    /** A Keycloak password credential's two JSON strings, as a realm export holds them. */
    public record KeycloakCredential(String secretData, String credentialData) {
    }

    /** @param algorithm {@code pbkdf2-sha256} or {@code pbkdf2-sha512} */
    public static KeycloakCredential keycloak(String algorithm, String password, byte[] salt, int iterations) {
        String digest = algorithm.substring("pbkdf2-".length());
        byte[] key = pbkdf2(digest, password, salt, iterations);
        String secretData = "{\"value\":\"" + Base64.getEncoder().encodeToString(key) + "\",\"salt\":\""
                + Base64.getEncoder().encodeToString(salt) + "\",\"additionalParameters\":{}}";
        String credentialData = "{\"hashIterations\":" + iterations + ",\"algorithm\":\"" + algorithm
                + "\",\"additionalParameters\":{}}";
        return new KeycloakCredential(secretData, credentialData);
    }

    public static String bcrypt(Bcrypt variant, int cost, String password) {
        return BcryptFunction.getInstance(variant, cost).hash(password).getResult();
    }

    /** Small parameters: 1 MiB, one pass, one lane. */
    public static String argon2(Argon2 type, String password) {
        return Argon2Function.getInstance(1024, 1, 1, 32, type).hash(password).getResult();
    }

    /** PBKDF2-HMAC-SHA-256 or -512 (digest {@code sha256}/{@code sha512}) with a key as long as the digest. */
    public static byte[] pbkdf2(String digest, String password, byte[] salt, int iterations) {
        int bits = digest.equals("sha512") ? 512 : 256;
        String algorithm = digest.equals("sha512") ? "PBKDF2WithHmacSHA512" : "PBKDF2WithHmacSHA256";
        try {
            return SecretKeyFactory.getInstance(algorithm)
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, bits)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
