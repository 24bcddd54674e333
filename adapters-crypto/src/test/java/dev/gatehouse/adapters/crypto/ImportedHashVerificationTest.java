package dev.gatehouse.adapters.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.password4j.Argon2Function;
import com.password4j.types.Argon2;
import com.password4j.types.Bcrypt;
import dev.gatehouse.domain.user.ImportedPasswordHash;
import dev.gatehouse.domain.user.Password;
import dev.gatehouse.domain.user.PasswordHash;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Imported hashes (ADR 0028) at sign-in: every accepted format verifies its password and only it, always asks to be
 * re-hashed with bcrypt, and a stored hash outside the bounds never runs (it counts as no match).
 */
class ImportedHashVerificationTest {
    private static final String PASSWORD = "pässwörd ✓ 42";
    /** Cost 5: the imported cost-4 bcrypt hashes are weaker than the current setting. */
    private final BcryptPasswordHasher hasher = new BcryptPasswordHasher(5);

    @Test
    void everyAcceptedFormatVerifiesItsPasswordOnlyAndAsksToBeRehashed() {
        Map<String, String> hashes = new LinkedHashMap<>();
        hashes.put("django sha256", ForeignHashes.django("sha256", PASSWORD, "seasalt", 1_000));
        hashes.put("django sha512", ForeignHashes.django("sha512", PASSWORD, "Pq8dS3vQ0aZ1", 2_000));
        hashes.put("keycloak sha256", keycloak("pbkdf2-sha256", 27_500));
        hashes.put("keycloak sha512", keycloak("pbkdf2-sha512", 3_000));
        hashes.put("bcrypt 2a", ForeignHashes.bcrypt(Bcrypt.A, 4, PASSWORD));
        hashes.put("bcrypt 2b", ForeignHashes.bcrypt(Bcrypt.B, 4, PASSWORD));
        hashes.put("bcrypt 2y", ForeignHashes.bcrypt(Bcrypt.Y, 4, PASSWORD));
        hashes.put("argon2id", ForeignHashes.argon2(Argon2.ID, PASSWORD));
        hashes.put("argon2i", ForeignHashes.argon2(Argon2.I, PASSWORD));
        hashes.put("argon2d", ForeignHashes.argon2(Argon2.D, PASSWORD));

        hashes.forEach((format, encoded) -> {
            PasswordHash stored = ImportedPasswordHash.parse(encoded).toPasswordHash();
            assertThat(hasher.verify(new Password(PASSWORD), stored)).as(format).isTrue();
            assertThat(hasher.verify(new Password(PASSWORD + "x"), stored)).as(format + " wrong password").isFalse();
            assertThat(hasher.verify(new Password("pässwörd ✓ 4"), stored)).as(format + " prefix").isFalse();
            assertThat(hasher.needsRehash(stored)).as(format + " needs rehash").isTrue();
        });
    }

    @Test
    void verifiesThePublishedPbkdf2Sha256VectorInDjangosForm() {
        // RFC 7914, section 11: PBKDF2-HMAC-SHA256, P = "Password", S = "NaCl", c = 80000; the first 32 bytes of
        // its 64-byte output are the 32-byte key (PBKDF2's first block).
        byte[] key = HexFormat.of().parseHex("4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56");
        PasswordHash stored = ImportedPasswordHash.parse("pbkdf2_sha256$80000$NaCl$"
                + Base64.getEncoder().encodeToString(key)).toPasswordHash();

        assertThat(hasher.verify(new Password("Password"), stored)).isTrue();
        assertThat(hasher.verify(new Password("password"), stored)).isFalse();
        assertThat(ForeignHashes.pbkdf2("sha256", "Password", "NaCl".getBytes(StandardCharsets.UTF_8), 80_000))
                .as("the JDK agrees with the published vector").isEqualTo(key);
    }

    @Test
    void aStoredHashOutsideTheBoundsNeverRunsEvenWithTheRightPassword() {
        String fewIterations = ForeignHashes.django("sha256", PASSWORD, "salt", 999);
        String manyLanes = Argon2Function.getInstance(64, 1, 5, 32, Argon2.ID).hash(PASSWORD).getResult();
        String heavyArgon2 = manyLanes.replace("m=64,t=1,p=5", "m=131072,t=1,p=1");
        String costlyBcrypt = ForeignHashes.bcrypt(Bcrypt.B, 4, PASSWORD).replace("$2b$04$", "$2b$15$");
        String tooManyIterations = "pbkdf2_sha512$2000001$salt$" + Base64.getEncoder().encodeToString(new byte[64]);
        String sha1 = "pbkdf2_sha1$1000$salt$" + Base64.getEncoder().encodeToString(new byte[20]);

        for (String encoded : new String[] {fewIterations, manyLanes, heavyArgon2, costlyBcrypt, tooManyIterations,
                sha1, "md5$salt$0123456789abcdef0123456789abcdef", "plain-text"}) {
            assertThat(hasher.verify(new Password(PASSWORD), new PasswordHash(encoded))).as(encoded).isFalse();
        }
        // the same password and parameters within the bounds do verify: the bound, not the hash, refused them
        assertThat(hasher.verify(new Password(PASSWORD),
                new PasswordHash(ForeignHashes.django("sha256", PASSWORD, "salt", 1_000)))).isTrue();
        assertThat(hasher.verify(new Password(PASSWORD), new PasswordHash(
                Argon2Function.getInstance(64, 1, 4, 32, Argon2.ID).hash(PASSWORD).getResult()))).isTrue();
    }

    @Test
    void aHasherConfiguredAboveCost14StillVerifiesItsOwnHashes() {
        // cost 15 would take seconds to make: the bound is what is checked, through a malformed hash of that cost
        BcryptPasswordHasher costly = new BcryptPasswordHasher(15);
        String cost15 = ForeignHashes.bcrypt(Bcrypt.B, 4, PASSWORD).replace("$2b$04$", "$2b$15$");
        assertThat(ImportedPasswordHash.parse(cost15, costly.cost())).isInstanceOf(ImportedPasswordHash.Bcrypt.class);
    }

    private static String keycloak(String algorithm, int iterations) {
        byte[] salt = HexFormat.of().parseHex("00ff10e0a1b2c3d4e5f60718293a4b5c");
        ForeignHashes.KeycloakCredential credential = ForeignHashes.keycloak(algorithm, PASSWORD, salt, iterations);
        // as the import route reads the two JSON strings: value and salt from secretData
        String value = credential.secretData().replaceAll(".*\"value\":\"([^\"]+)\".*", "$1");
        String saltText = credential.secretData().replaceAll(".*\"salt\":\"([^\"]+)\".*", "$1");
        return ImportedPasswordHash.fromKeycloak(algorithm, iterations, saltText, value).encoded();
    }
}
