package dev.gatehouse.adapters.crypto;

/**
 * The one spelling a signed token may have: three segments (header, payload, signature) of canonical
 * base64url as RFC 7515 uses it, that is only {@code A-Z a-z 0-9 - _}, no {@code =} padding, a length that
 * is not 1 more than a multiple of 4, and the unused low bits of the last character zero. Base64 decoders
 * are lenient about padding and about those bits, so without this check one token has many strings (a
 * padded copy, a copy with its last character bumped) that all verify; a system that blocks a token by its
 * string, or a cache keyed by it, would then miss the copies.
 */
final class CompactJws {
    private CompactJws() {
    }

    /** True when the token is three non-empty canonical base64url segments joined by dots. */
    static boolean isCanonical(String token) {
        if (token == null) {
            return false;
        }
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (second < 0 || token.indexOf('.', second + 1) >= 0) {
            return false;
        }
        return isCanonicalSegment(token, 0, first) && isCanonicalSegment(token, first + 1, second)
                && isCanonicalSegment(token, second + 1, token.length());
    }

    /** True when {@code text[from, to)} is non-empty canonical unpadded base64url. */
    static boolean isCanonicalSegment(String text, int from, int to) {
        int length = to - from;
        if (length <= 0 || length % 4 == 1) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (sextet(text.charAt(i)) < 0) {
                return false;
            }
        }
        int last = sextet(text.charAt(to - 1));
        return switch (length % 4) {
            case 2 -> (last & 0x0F) == 0; // the last character carries 2 bits of the final byte
            case 3 -> (last & 0x03) == 0; // the last character carries 4 bits of the final byte
            default -> true;
        };
    }

    private static int sextet(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        if (c == '-') {
            return 62;
        }
        return c == '_' ? 63 : -1;
    }
}
