package dev.gatehouse.domain.user;

import dev.gatehouse.domain.error.InvalidInput;
import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;

/**
 * An email address as Gatehouse compares it, in one canonical form, so that two addresses that look the same
 * are the same string: trimmed, in Unicode NFC, lower-cased, with an internationalised domain in its ASCII
 * (IDNA, {@code xn--}) form, at most 254 characters, with a plausible local part and domain. Addresses holding
 * an invisible character (format and control characters, line, paragraph and space separators, variation
 * selectors and the other default-ignorable code points, unassigned and private-use code points) are refused:
 * such a character would let one address pass for another. Two users of one tenant never share an
 * {@code EmailAddress}.
 *
 * <p>Look-alikes from other scripts (a Cyrillic {@code а} for a Latin {@code a}) are not caught here.
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
        value = canonical(value);
    }

    /**
     * The address of a row stored before addresses were canonical, as the V14 migration left it when it could
     * not rewrite it (its canonical form is another row's): the address without its invisible characters. Such
     * a row is never found by a sign-in, which compares the stored string with a canonical one; showing it keeps
     * listings readable until an operator settles which of the two users keeps the address.
     *
     * @throws InvalidInput when even the visible characters are no address
     */
    public static EmailAddress ofStored(String stored) {
        try {
            return new EmailAddress(stored);
        } catch (InvalidInput refused) {
            if (stored == null || !TextChecks.isWellFormed(stored)) {
                throw refused;
            }
            String visible = withoutInvisible(stored);
            if (visible.equals(stored)) {
                throw refused;
            }
            return new EmailAddress(visible);
        }
    }

    /**
     * The address as a notice to another mailbox shows it: the local part's first character, {@code ***} and the
     * domain ({@code j***@example.org}). Enough for the owner to recognise an address, little for whoever else reads
     * that mailbox (docs/adr/0027-email-change.md).
     */
    public String masked() {
        int at = value.lastIndexOf('@');
        return new String(Character.toChars(value.codePointAt(0))) + "***" + value.substring(at);
    }

    /** The text with every code point that {@link #isInvisible(int)} removed. */
    public static String withoutInvisible(String text) {
        StringBuilder visible = new StringBuilder(text.length());
        text.codePoints().filter(c -> !isInvisible(c)).forEach(visible::appendCodePoint);
        return visible.toString();
    }

    /**
     * True for a code point that shows nothing or can change how its neighbours show without showing itself:
     * Unicode categories Cc, Cf, Zs, Zl, Zp, Co, Cn and Cs, the variation selectors, and the default-ignorable
     * letters and marks (combining grapheme joiner, Hangul fillers, Khmer inherent vowels, Mongolian free
     * variation selectors), and the blank Braille pattern.
     */
    public static boolean isInvisible(int c) {
        switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                 Character.PARAGRAPH_SEPARATOR, Character.PRIVATE_USE, Character.UNASSIGNED, Character.SURROGATE -> {
                return true;
            }
            default -> {
                return c == 0x034F // combining grapheme joiner
                        || c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0 // Hangul fillers
                        || c == 0x17B4 || c == 0x17B5 // Khmer inherent vowels
                        || c >= 0x180B && c <= 0x180F // Mongolian free variation selectors
                        || c >= 0xFE00 && c <= 0xFE0F || c >= 0xE0100 && c <= 0xE01EF // variation selectors
                        || c == 0x2800; // Braille pattern blank
            }
        }
    }

    private static String canonical(String raw) {
        String text = raw.strip();
        if (text.isEmpty()) {
            throw new InvalidInput("email", "is required");
        }
        text = Normalizer.normalize(text, Normalizer.Form.NFC);
        int invisible = text.codePoints().filter(EmailAddress::isInvisible).findFirst().orElse(-1);
        if (invisible >= 0) {
            throw new InvalidInput("email", String.format(Locale.ROOT,
                    "must not contain invisible, control or space characters (found U+%04X)", invisible));
        }
        text = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
        if (text.length() > MAX_LENGTH) {
            throw new InvalidInput("email", "must be at most " + MAX_LENGTH + " characters");
        }
        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1 || at > MAX_LOCAL_LENGTH || !validLocal(text.substring(0, at))) {
            throw new InvalidInput("email", "must be a valid email address");
        }
        String address = text.substring(0, at + 1) + asciiDomain(text.substring(at + 1));
        if (address.length() > MAX_LENGTH) {
            throw new InvalidInput("email", "must be at most " + MAX_LENGTH + " characters");
        }
        return address;
    }

    /** The domain in its ASCII form: IDNA ToASCII (as mail is sent), lower-cased, then checked as a host name. */
    private static String asciiDomain(String domain) {
        String ascii;
        try {
            ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException notAHostName) {
            throw new InvalidInput("email", "must be a valid email address");
        }
        if (!validDomain(ascii)) {
            throw new InvalidInput("email", "must be a valid email address");
        }
        return ascii;
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
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
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
