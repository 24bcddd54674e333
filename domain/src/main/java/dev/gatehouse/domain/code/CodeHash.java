package dev.gatehouse.domain.code;

import dev.gatehouse.domain.Digests;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * How one-time codes are stored and compared: the hex SHA-256 of the code in its normal form, compared in
 * constant time. Reset codes are normalised (upper case, without spaces and hyphens) so that a code typed
 * in lower case or copied with its grouping still matches; link codes are taken as they are.
 */
public final class CodeHash {
    private CodeHash() {
    }

    /** The stored form of a code of this kind as issued or as presented. */
    public static String of(CodeKind kind, String code) {
        return Digests.sha256Hex(normalise(kind, code));
    }

    /**
     * The stored form of a code in the reset-code form ({@link ResetCodeAlphabet}) that is no {@link CodeKind}'s: the
     * code of an email change. Normalised like a reset code.
     */
    public static String ofTypedCode(String code) {
        return Digests.sha256Hex(normaliseTyped(code));
    }

    static String normalise(CodeKind kind, String code) {
        if (kind != CodeKind.PASSWORD_RESET) {
            return code.strip();
        }
        return normaliseTyped(code);
    }

    private static String normaliseTyped(String code) {
        StringBuilder out = new StringBuilder(code.length());
        code.codePoints().filter(c -> c != ' ' && c != '-' && c != '\t').forEach(out::appendCodePoint);
        return out.toString().toUpperCase(Locale.ROOT);
    }

    /** Equal hashes, decided in time that does not depend on where they differ. */
    public static boolean matches(String storedHash, String presentedHash) {
        return MessageDigest.isEqual(storedHash.getBytes(StandardCharsets.US_ASCII),
                presentedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
