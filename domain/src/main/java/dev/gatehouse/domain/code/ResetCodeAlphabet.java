package dev.gatehouse.domain.code;

/**
 * The form of password-reset codes (docs/adr/0014-one-time-codes.md): {@value #LENGTH} characters from 32
 * symbols without the look-alikes 0/O and 1/I, so each character carries 5 random bits (60 bits in all) and a
 * byte maps to a symbol without bias (256 is a multiple of 32). Codes are matched case-insensitively and
 * without spaces or hyphens.
 */
public final class ResetCodeAlphabet {
    public static final String SYMBOLS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    public static final int LENGTH = 12;

    private ResetCodeAlphabet() {
    }

    /** A code from {@value #LENGTH} bytes of a cryptographically secure source. */
    public static String fromRandomBytes(byte[] random) {
        if (random.length < LENGTH) {
            throw new IllegalArgumentException("need " + LENGTH + " random bytes, got " + random.length);
        }
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(SYMBOLS.charAt(random[i] & 0x1f));
        }
        return code.toString();
    }
}
