package dev.gatehouse.domain.user;

import dev.gatehouse.domain.error.InvalidInput;
import java.util.Locale;

/**
 * An email address as Gatehouse compares it: trimmed, lower-cased, at most 254 characters, with a
 * plausible local part and domain. Two users of one tenant never share an {@code EmailAddress}.
 */
public record EmailAddress(String value) {
    public static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL_LENGTH = 64;

    public EmailAddress {
        if (value == null) {
            throw new InvalidInput("email", "is required");
        }
        if (!TextChecks.isWellFormed(value)) {
            throw new InvalidInput("email", "must be a valid email address");
        }
        value = value.strip().toLowerCase(Locale.ROOT);
        if (value.isEmpty()) {
            throw new InvalidInput("email", "is required");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidInput("email", "must be at most " + MAX_LENGTH + " characters");
        }
        int at = value.lastIndexOf('@');
        if (at <= 0 || at == value.length() - 1 || at > MAX_LOCAL_LENGTH || !validLocal(value.substring(0, at))
                || !validDomain(value.substring(at + 1))) {
            throw new InvalidInput("email", "must be a valid email address");
        }
    }

    /** The part before the '@'. */
    public String localPart() {
        return value.substring(0, value.lastIndexOf('@'));
    }

    private static boolean validLocal(String local) {
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            return false;
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "!#$%&'*+-/=?^_`{|}~.".indexOf(c) >= 0
                    || c > 0x7f && !Character.isWhitespace(c) && !Character.isISOControl(c);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean validDomain(String domain) {
        if (domain.length() > 253 || !domain.contains(".")) {
            return false;
        }
        for (String label : domain.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                        || c > 0x7f && Character.isLetterOrDigit(c);
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return value;
    }
}
