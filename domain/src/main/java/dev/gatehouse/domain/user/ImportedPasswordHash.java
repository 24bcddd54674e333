package dev.gatehouse.domain.user;

import dev.gatehouse.domain.error.InvalidInput;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A password hash made by another system (docs/adr/0028-imported-password-hashes.md), in the one self-describing
 * string it is stored as, with the parameters it names checked against fixed bounds: at import, and again before
 * every verification, so that a stored hash outside them never runs (a hash with a huge cost is a denial of
 * service at each sign-in). Pure parsing: the hashing itself is the password hasher's.
 * <ul>
 *   <li>bcrypt {@code $2a$}, {@code $2b$}, {@code $2y$}, cost {@value #BCRYPT_MIN_COST} to {@value #BCRYPT_MAX_COST};</li>
 *   <li>Argon2 ({@code argon2id}, {@code argon2i}, {@code argon2d}) in PHC form
 *       {@code $argon2id$v=19$m=..,t=..,p=..$salt$hash}: memory at most {@value #ARGON2_MAX_MEMORY_KIB} KiB, at most
 *       {@value #ARGON2_MAX_ITERATIONS} iterations, parallelism at most {@value #ARGON2_MAX_PARALLELISM};</li>
 *   <li>PBKDF2 with HMAC-SHA-256 or -512 in Django's form {@code pbkdf2_sha256$<iterations>$<salt>$<base64 key>}:
 *       the salt is text, used as its UTF-8 bytes; the same with {@code b64:<base64 salt>} for a salt of raw bytes
 *       (Keycloak's, see {@link #fromKeycloak}). {@value #PBKDF2_MIN_ITERATIONS} to {@value #PBKDF2_MAX_ITERATIONS}
 *       iterations; the derived key as long as the digest (32 or 64 bytes).</li>
 * </ul>
 * Anything else (MD5, SHA-1 and PBKDF2 over SHA-1, unsalted digests, plain text, scrypt, Django's bcrypt_sha256
 * wrapper) is refused with an {@link InvalidInput} on {@code passwordHash} that names the reason.
 */
public sealed interface ImportedPasswordHash {
    int BCRYPT_MIN_COST = 4;
    int BCRYPT_MAX_COST = 14;
    int ARGON2_MAX_MEMORY_KIB = 65_536;
    int ARGON2_MAX_ITERATIONS = 10;
    int ARGON2_MAX_PARALLELISM = 4;
    int PBKDF2_MIN_ITERATIONS = 1_000;
    int PBKDF2_MAX_ITERATIONS = 2_000_000;
    /** The stored column's width. */
    int MAX_ENCODED_LENGTH = 255;
    /** Salts longer than this (in bytes) are refused: nobody makes them, and they only cost. */
    int MAX_SALT_BYTES = 64;
    /** The prefix of a PBKDF2 salt given as base64 bytes rather than as text. */
    String BASE64_SALT_PREFIX = "b64:";
    String FIELD = "passwordHash";

    /** The stored form. */
    String encoded();

    default PasswordHash toPasswordHash() {
        return new PasswordHash(encoded());
    }

    /** bcrypt at {@code cost}. */
    record Bcrypt(String encoded, int cost) implements ImportedPasswordHash {
    }

    /** Argon2 of {@code variant} ({@code argon2id}, {@code argon2i}, {@code argon2d}). */
    record Argon2(String encoded, String variant, int memoryKib, int iterations, int parallelism)
            implements ImportedPasswordHash {
    }

    /** PBKDF2 over {@code digest}: the salt's bytes and the expected derived key. */
    record Pbkdf2(String encoded, Pbkdf2Digest digest, int iterations, byte[] salt, byte[] derivedKey)
            implements ImportedPasswordHash {
        @Override
        public String toString() {
            return "Pbkdf2[" + digest + ", " + iterations + " iterations]";
        }
    }

    /** The HMAC digests PBKDF2 hashes may use, with the length of their derived keys. */
    enum Pbkdf2Digest {
        SHA256("pbkdf2_sha256", 32), SHA512("pbkdf2_sha512", 64);

        private final String prefix;
        private final int keyBytes;

        Pbkdf2Digest(String prefix, int keyBytes) {
            this.prefix = prefix;
            this.keyBytes = keyBytes;
        }

        public String prefix() {
            return prefix;
        }

        public int keyBytes() {
            return keyBytes;
        }
    }

    /** Checks an imported hash: {@link #parse(String, int)} with bcrypt costs up to {@value #BCRYPT_MAX_COST}. */
    static ImportedPasswordHash parse(String encoded) {
        return parse(encoded, BCRYPT_MAX_COST);
    }

    /**
     * The hash, checked against the bounds; {@code maxBcryptCost} lets the verifier accept its own hashes when it
     * is configured above {@value #BCRYPT_MAX_COST}.
     *
     * @throws InvalidInput on {@code passwordHash}, naming what is wrong
     */
    static ImportedPasswordHash parse(String encoded, int maxBcryptCost) {
        if (encoded == null || encoded.isBlank()) {
            throw refused("must not be empty (leave it out for a user without a password)");
        }
        if (encoded.length() > MAX_ENCODED_LENGTH) {
            throw refused("is longer than " + MAX_ENCODED_LENGTH + " characters");
        }
        if (encoded.startsWith("$2")) {
            return HashFormats.bcrypt(encoded, maxBcryptCost);
        }
        if (encoded.startsWith("$argon2")) {
            return HashFormats.argon2(encoded);
        }
        for (Pbkdf2Digest digest : Pbkdf2Digest.values()) {
            if (encoded.startsWith(digest.prefix + "$")) {
                return HashFormats.pbkdf2(encoded, digest);
            }
        }
        throw refused(HashFormats.unsupported(encoded));
    }

    /**
     * The stored form of a Keycloak password credential (a realm export's {@code credentialData} and
     * {@code secretData}): {@code pbkdf2_sha256$<iterations>$b64:<salt>$<value>}, checked like any other.
     *
     * @param algorithm  {@code credentialData.algorithm}: {@code pbkdf2-sha256} or {@code pbkdf2-sha512}
     *                   ({@code pbkdf2}, SHA-1, is refused)
     * @param iterations {@code credentialData.hashIterations}
     * @param salt       {@code secretData.salt}, base64
     * @param value      {@code secretData.value}, base64
     * @throws InvalidInput on {@code passwordHash}, naming what is wrong
     */
    static ImportedPasswordHash fromKeycloak(String algorithm, long iterations, String salt, String value) {
        Pbkdf2Digest digest = switch (algorithm == null ? "" : algorithm.toLowerCase(Locale.ROOT)) {
            case "pbkdf2-sha256" -> Pbkdf2Digest.SHA256;
            case "pbkdf2-sha512" -> Pbkdf2Digest.SHA512;
            case "pbkdf2" -> throw refused("Keycloak's pbkdf2 (HMAC-SHA-1) hashes are not accepted: import the user"
                    + " without passwordHash and let them set a password by a reset or magic link");
            default -> throw refused("Keycloak credential algorithm '" + HashFormats.shorten(String.valueOf(algorithm))
                    + "' is not accepted (expected pbkdf2-sha256 or pbkdf2-sha512)");
        };
        if (salt == null || value == null || salt.isEmpty() || value.isEmpty()) {
            throw refused("a Keycloak credential needs secretData.salt and secretData.value");
        }
        return parse(digest.prefix + "$" + iterations + "$" + BASE64_SALT_PREFIX + salt + "$" + value);
    }

    private static InvalidInput refused(String reason) {
        return new InvalidInput(FIELD, reason);
    }

    /** The parsing behind {@link ImportedPasswordHash}. */
    final class HashFormats {
        private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$(\\d\\d)\\$[./A-Za-z0-9]{53}");
        private static final Pattern ARGON2 = Pattern.compile(
                "\\$(argon2id|argon2i|argon2d)\\$v=(16|19)\\$m=(\\d{1,9}),t=(\\d{1,9}),p=(\\d{1,9})"
                        + "\\$([A-Za-z0-9+/]{11,88})\\$([A-Za-z0-9+/]{6,88})");
        private static final Pattern DIGITS = Pattern.compile("[1-9]\\d{0,9}");

        private HashFormats() {
        }

        static Bcrypt bcrypt(String encoded, int maxCost) {
            Matcher m = BCRYPT.matcher(encoded);
            if (!m.matches()) {
                throw refused("is not a well-formed bcrypt hash ($2a$, $2b$ or $2y$, two-digit cost, 53 characters"
                        + " of salt and hash)");
            }
            int cost = Integer.parseInt(m.group(1));
            if (cost < BCRYPT_MIN_COST || cost > Math.max(maxCost, BCRYPT_MAX_COST)) {
                throw refused("bcrypt cost " + cost + " is outside the accepted " + BCRYPT_MIN_COST + " to "
                        + Math.max(maxCost, BCRYPT_MAX_COST));
            }
            return new Bcrypt(encoded, cost);
        }

        static Argon2 argon2(String encoded) {
            Matcher m = ARGON2.matcher(encoded);
            if (!m.matches()) {
                throw refused("is not a well-formed Argon2 hash in PHC form"
                        + " ($argon2id$v=19$m=<KiB>,t=<iterations>,p=<lanes>$<salt>$<hash>, unpadded base64)");
            }
            long memory = Long.parseLong(m.group(3));
            long iterations = Long.parseLong(m.group(4));
            long parallelism = Long.parseLong(m.group(5));
            if (parallelism < 1 || parallelism > ARGON2_MAX_PARALLELISM) {
                throw refused("Argon2 parallelism " + parallelism + " is outside the accepted 1 to "
                        + ARGON2_MAX_PARALLELISM);
            }
            if (iterations < 1 || iterations > ARGON2_MAX_ITERATIONS) {
                throw refused("Argon2 iterations " + iterations + " are outside the accepted 1 to "
                        + ARGON2_MAX_ITERATIONS);
            }
            if (memory < 8 * parallelism || memory > ARGON2_MAX_MEMORY_KIB) {
                throw refused("Argon2 memory " + memory + " KiB is outside the accepted " + 8 * parallelism + " to "
                        + ARGON2_MAX_MEMORY_KIB + " KiB");
            }
            int saltBytes = unpaddedBytes(m.group(6));
            int hashBytes = unpaddedBytes(m.group(7));
            if (saltBytes < 8 || saltBytes > MAX_SALT_BYTES || hashBytes < 4 || hashBytes > 64) {
                throw refused("Argon2 salt must be 8 to " + MAX_SALT_BYTES + " bytes and the hash 4 to 64 bytes");
            }
            return new Argon2(encoded, m.group(1), (int) memory, (int) iterations, (int) parallelism);
        }

        static Pbkdf2 pbkdf2(String encoded, Pbkdf2Digest digest) {
            String[] parts = encoded.split("\\$", -1);
            if (parts.length != 4) {
                throw refused("is not a well-formed PBKDF2 hash (" + digest.prefix
                        + "$<iterations>$<salt>$<base64 key>)");
            }
            if (!DIGITS.matcher(parts[1]).matches() || Long.parseLong(parts[1]) < PBKDF2_MIN_ITERATIONS
                    || Long.parseLong(parts[1]) > PBKDF2_MAX_ITERATIONS) {
                throw refused("PBKDF2 iterations must be a number from " + PBKDF2_MIN_ITERATIONS + " to "
                        + PBKDF2_MAX_ITERATIONS + ", not '" + shorten(parts[1]) + "'");
            }
            byte[] salt = salt(parts[2]);
            byte[] key;
            try {
                key = Base64.getDecoder().decode(parts[3]);
            } catch (IllegalArgumentException notBase64) {
                throw refused("the PBKDF2 key is not base64");
            }
            if (key.length != digest.keyBytes) {
                throw refused("a " + digest.prefix + " key must be " + digest.keyBytes + " bytes, not " + key.length);
            }
            return new Pbkdf2(encoded, digest, Integer.parseInt(parts[1]), salt, key);
        }

        /** Text (Django: its UTF-8 bytes), or {@code b64:} and base64 bytes (Keycloak). */
        private static byte[] salt(String salt) {
            byte[] bytes;
            if (salt.startsWith(BASE64_SALT_PREFIX)) {
                try {
                    bytes = Base64.getDecoder().decode(salt.substring(BASE64_SALT_PREFIX.length()));
                } catch (IllegalArgumentException notBase64) {
                    throw refused("the PBKDF2 salt after b64: is not base64");
                }
            } else {
                if (salt.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f || c == ':')) {
                    throw refused("a PBKDF2 text salt must be printable ASCII without spaces or ':'"
                            + " (give a binary salt as b64:<base64>)");
                }
                bytes = salt.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            }
            if (bytes.length < 1 || bytes.length > MAX_SALT_BYTES) {
                throw refused("the PBKDF2 salt must be 1 to " + MAX_SALT_BYTES + " bytes");
            }
            return bytes;
        }

        private static int unpaddedBytes(String base64) {
            try {
                return Base64.getDecoder().decode(base64).length;
            } catch (IllegalArgumentException notBase64) {
                throw refused("an Argon2 salt or hash is not unpadded base64");
            }
        }

        /** Why a string of no accepted format is refused, naming the format where it is recognisable. */
        static String unsupported(String encoded) {
            String lower = encoded.toLowerCase(Locale.ROOT);
            String known;
            if (lower.startsWith("pbkdf2_sha1$") || lower.startsWith("pbkdf2$")) {
                known = "PBKDF2 with HMAC-SHA-1 is not accepted";
            } else if (lower.startsWith("bcrypt_sha256$")) {
                known = "Django's bcrypt_sha256 hashes (of the password's SHA-256) are not accepted";
            } else if (lower.startsWith("bcrypt$")) {
                known = "Django's bcrypt$ hashes are accepted without their bcrypt$ prefix (give the $2b$... part)";
            } else if (lower.startsWith("argon2$")) {
                known = "Django's argon2$ hashes are accepted without their argon2 prefix (give the $argon2id$... part)";
            } else if (lower.startsWith("md5") || lower.startsWith("$1$") || lower.startsWith("unsalted_md5")) {
                known = "MD5 hashes are not accepted";
            } else if (lower.startsWith("sha1") || lower.startsWith("unsalted_sha1") || lower.startsWith("{sha")) {
                known = "SHA-1 hashes are not accepted";
            } else if (lower.startsWith("scrypt") || lower.startsWith("$scrypt") || lower.startsWith("$7$")) {
                known = "scrypt hashes are not accepted";
            } else if (lower.startsWith("$5$") || lower.startsWith("$6$")) {
                known = "SHA-crypt ($5$, $6$) hashes are not accepted";
            } else {
                known = "unsupported hash format";
            }
            return known + ": expected bcrypt ($2a$, $2b$, $2y$), Argon2 ($argon2id$, $argon2i$, $argon2d$) or PBKDF2"
                    + " (pbkdf2_sha256$, pbkdf2_sha512$); a user without a usable hash is imported without passwordHash";
        }

        static String shorten(String text) {
            return text.length() <= 20 ? text : text.substring(0, 20) + "…";
        }
    }
}
