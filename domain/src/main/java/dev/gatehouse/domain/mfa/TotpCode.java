package dev.gatehouse.domain.mfa;

import dev.gatehouse.domain.error.InvalidInput;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;

/**
 * A TOTP code as a user types it: exactly {@value #DIGITS} ASCII digits (surrounding white space is dropped).
 * {@code toString} hides it: a code is a credential for the rest of its window.
 */
public record TotpCode(String digits) {
    public static final int DIGITS = 6;

    public TotpCode {
        if (digits == null || digits.length() != DIGITS || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("a TOTP code is exactly " + DIGITS + " digits");
        }
    }

    /** Parses a code given by a caller; anything but {@value #DIGITS} digits is an {@link InvalidInput} naming {@code field}. */
    public static TotpCode parse(String field, String raw) {
        String clean = raw == null ? "" : raw.strip();
        if (clean.length() != DIGITS || !clean.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidInput(field, "must be " + DIGITS + " digits");
        }
        return new TotpCode(clean);
    }

    /** Whether the codes are equal, decided in time that does not depend on where they differ. */
    public boolean matches(TotpCode other) {
        return MessageDigest.isEqual(digits.getBytes(StandardCharsets.US_ASCII),
                other.digits.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "TotpCode[hidden]";
    }
}
