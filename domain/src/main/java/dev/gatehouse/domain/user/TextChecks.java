package dev.gatehouse.domain.user;

/** Checks on caller-supplied text that every value object of this package shares. */
final class TextChecks {
    private TextChecks() {
    }

    /** True when every surrogate is part of a pair, so the text has a UTF-8 encoding. */
    static boolean isWellFormed(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
