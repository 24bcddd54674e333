package dev.gatehouse.domain.mfa;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;

/**
 * A user's TOTP shared secret in clear: the HMAC key that the user's authenticator app and Gatehouse both hold.
 * It exists in clear only while a use case works with it (shown once at enrolment, opened to check a code); at
 * rest it is a {@link SealedTotpSecret}. {@code toString} hides it. Its text form is RFC 4648 base32 without
 * padding, as authenticator apps take it.
 */
public final class TotpSecret {
    /** RFC 4226 recommends 160 bits, the length of an HMAC-SHA-1 output. */
    public static final int BYTES = 20;
    /** Shorter keys are refused (RFC 4226: at least 128 bits). */
    public static final int MIN_BYTES = 16;
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private final byte[] bytes;

    private TotpSecret(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A secret from raw key bytes (copied); at least {@value #MIN_BYTES} of them. */
    public static TotpSecret of(byte[] bytes) {
        if (bytes == null || bytes.length < MIN_BYTES) {
            throw new IllegalArgumentException("a TOTP secret needs at least " + MIN_BYTES + " bytes");
        }
        return new TotpSecret(bytes.clone());
    }

    /** Reads the base32 form (case-insensitive, without padding; spaces are ignored). */
    public static TotpSecret fromBase32(String text) {
        String clean = text.replace(" ", "").toUpperCase(Locale.ROOT);
        byte[] out = new byte[clean.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int written = 0;
        for (int i = 0; i < clean.length(); i++) {
            int value = BASE32.indexOf(clean.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("not base32");
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out[written++] = (byte) (buffer >> bits);
                buffer &= (1 << bits) - 1;
            }
        }
        if (buffer != 0) {
            throw new IllegalArgumentException("not the canonical base32 form of a secret");
        }
        return of(out);
    }

    /** The raw key bytes (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** RFC 4648 base32 in upper case, without padding: what the user types or the otpauth URI carries. */
    public String base32() {
        StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out.append(BASE32.charAt((buffer >> bits) & 0x1f));
            }
            buffer &= (1 << bits) - 1;
        }
        if (bits > 0) {
            out.append(BASE32.charAt((buffer << (5 - bits)) & 0x1f));
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TotpSecret that && MessageDigest.isEqual(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "TotpSecret[hidden]";
    }
}
