package dev.gatehouse.domain.mfa;

import dev.gatehouse.domain.code.ResetCodeAlphabet;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.user.UserId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A single-use recovery code, which signs in (or turns MFA off) in place of a TOTP code when the authenticator is
 * lost. A user is given {@value #COUNT} at a time, shown once; only their hashes are stored.
 *
 * <p>Form: {@value #LENGTH} symbols of the reset-code alphabet ({@link ResetCodeAlphabet#SYMBOLS}: 32 symbols
 * without the look-alikes 0/O and 1/I), so 5 random bits each, 60 bits a code; shown in groups of
 * {@value #GROUP} ({@code ABCD-EFGH-JKLM}). Presented codes are normalised: case, spaces and hyphens do not
 * matter. The value held here is the normal form; {@code toString} hides it.
 */
public record RecoveryCode(String value) {
    public static final int COUNT = 10;
    public static final int LENGTH = 12;
    public static final int GROUP = 4;
    public static final int BITS = LENGTH * 5;

    public RecoveryCode {
        Objects.requireNonNull(value, "recovery code");
        if (value.length() != LENGTH || !value.chars().allMatch(c -> ResetCodeAlphabet.SYMBOLS.indexOf(c) >= 0)) {
            throw new IllegalArgumentException("a recovery code is " + LENGTH + " symbols of the code alphabet");
        }
    }

    /**
     * Parses a code given by a caller, in any case, with or without spaces and hyphens; anything else is an
     * {@link InvalidInput} naming {@code field}.
     */
    public static RecoveryCode parse(String field, String raw) {
        if (raw == null) {
            throw new InvalidInput(field, "is required");
        }
        StringBuilder clean = new StringBuilder(LENGTH);
        for (int i = 0; i < raw.length() && clean.length() <= LENGTH; i++) {
            char c = raw.charAt(i);
            if (c != ' ' && c != '-' && c != '\t') {
                clean.append(c >= 'a' && c <= 'z' ? (char) (c - 'a' + 'A') : c); // ASCII only: no 'ſ' for 'S'
            }
        }
        String normal = clean.toString();
        if (normal.length() != LENGTH || !normal.chars().allMatch(c -> ResetCodeAlphabet.SYMBOLS.indexOf(c) >= 0)) {
            throw new InvalidInput(field, "must be a recovery code of " + LENGTH + " letters and digits");
        }
        return new RecoveryCode(normal);
    }

    /** A code from {@value #LENGTH} bytes of a cryptographically secure source (each byte gives 5 bits). */
    public static RecoveryCode fromRandomBytes(byte[] random) {
        if (random.length < LENGTH) {
            throw new IllegalArgumentException("need " + LENGTH + " random bytes, got " + random.length);
        }
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ResetCodeAlphabet.SYMBOLS.charAt(random[i] & 0x1f));
        }
        return new RecoveryCode(code.toString());
    }

    /**
     * A fresh set of {@value #COUNT} distinct codes; {@code random} gives at least {@value #LENGTH} bytes of a
     * cryptographically secure source on each call.
     */
    public static List<RecoveryCode> generateSet(Supplier<byte[]> random) {
        Set<RecoveryCode> codes = new LinkedHashSet<>();
        while (codes.size() < COUNT) {
            codes.add(fromRandomBytes(random.get()));
        }
        return List.copyOf(codes);
    }

    /** The code as shown to the user: groups of {@value #GROUP} joined by hyphens. */
    public String display() {
        StringBuilder out = new StringBuilder(LENGTH + LENGTH / GROUP);
        for (int i = 0; i < LENGTH; i += GROUP) {
            if (i > 0) {
                out.append('-');
            }
            out.append(value, i, i + GROUP);
        }
        return out.toString();
    }

    /**
     * The stored form of this code for this user: the hex SHA-256 of the user id and the normal form. The user
     * id salts it, so one table of precomputed hashes does not serve every user.
     */
    public RecoveryCodeHash hash(UserId userId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((userId + ":" + value).getBytes(StandardCharsets.UTF_8));
            return new RecoveryCodeHash(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "RecoveryCode[hidden]";
    }
}
