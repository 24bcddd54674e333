package dev.gatehouse.domain;

import dev.gatehouse.domain.error.InvalidInput;

/** Checks of the short texts people give things (names, subjects), shared so that they refuse alike. */
public final class Texts {
    private Texts() {
    }

    /**
     * {@code raw} stripped of surrounding white space (null reads as empty), when its length is within
     * {@code minLength} to {@code maxLength} characters.
     *
     * @throws InvalidInput naming {@code field} otherwise: "must be at most N characters" when {@code minLength} is
     *         0, else "must be MIN to N characters"
     */
    public static String stripped(String field, String raw, int minLength, int maxLength) {
        String text = raw == null ? "" : raw.strip();
        if (text.length() < minLength || text.length() > maxLength) {
            throw new InvalidInput(field, minLength == 0 ? "must be at most " + maxLength + " characters"
                    : "must be " + minLength + " to " + maxLength + " characters");
        }
        return text;
    }
}
