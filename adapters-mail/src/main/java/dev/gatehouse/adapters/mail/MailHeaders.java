package dev.gatehouse.adapters.mail;

import java.net.IDN;
import java.util.regex.Pattern;

/**
 * What may go into a header of a mail we send. Free text (subject, display name) is neutralised: line
 * breaks and other control characters become a space, so no value can start a header of its own.
 * Structured values (addresses, the Message-ID) are refused when they are not exactly of their form,
 * since no guess at what was meant is safe.
 */
final class MailHeaders {
    static final int MAX_MESSAGE_ID_LENGTH = 250;
    private static final int MAX_ADDRESS_LENGTH = 254;
    private static final int MAX_LOCAL_PART_LENGTH = 64;

    private static final String ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]";
    private static final String DOT_ATOM = ATEXT + "+(?:\\." + ATEXT + "+)*";
    private static final Pattern LOCAL_PART = Pattern.compile(DOT_ATOM);
    private static final Pattern HOST_NAME =
            Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern MESSAGE_ID = Pattern.compile("<" + DOT_ATOM + "@" + DOT_ATOM + ">");

    private MailHeaders() {
    }

    /**
     * Free text for a header: every run of control characters (CR, LF, TAB, NUL, DEL, C1) and Unicode line
     * or paragraph separators becomes one space; leading and trailing white space is removed.
     */
    static String plainText(String value) {
        StringBuilder out = new StringBuilder(value.length());
        boolean inBreak = false;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (Character.isISOControl(cp) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                if (!inBreak) {
                    out.append(' ');
                    inBreak = true;
                }
            } else {
                out.appendCodePoint(cp);
                inBreak = false;
            }
        }
        return out.toString().strip();
    }

    /**
     * The Message-ID exactly as the caller gave it: {@code <left@right>}, angle brackets included, both
     * sides RFC 5322 dot-atom text (ASCII letters, digits, {@code !#$%&'*+/=?^_`{|}~-} and inner dots).
     *
     * @throws IllegalArgumentException for anything else
     */
    static String messageId(String id) {
        if (id.length() > MAX_MESSAGE_ID_LENGTH || !MESSAGE_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("message id must look like <random@gatehouse>: angle brackets "
                    + "included, dot-atom text on both sides of the @, at most " + MAX_MESSAGE_ID_LENGTH + " characters");
        }
        return id;
    }

    /**
     * A bare address ({@code local@domain}, no display name, no comments) in the ASCII form SMTP needs:
     * an internationalised domain is converted to its {@code xn--} form. The local part must be ASCII
     * dot-atom text (quoted and internationalised local parts would need SMTPUTF8, which is not used).
     *
     * @param what which address, for the message
     * @throws IllegalArgumentException for anything else; the message does not quote the value
     */
    static String address(String value, String what) {
        int at = value.lastIndexOf('@');
        if (at <= 0 || at == value.length() - 1) {
            throw new IllegalArgumentException(what + " address must be a bare local@domain address");
        }
        String local = value.substring(0, at);
        if (local.length() > MAX_LOCAL_PART_LENGTH || !LOCAL_PART.matcher(local).matches()) {
            throw new IllegalArgumentException(what + " address must be a bare local@domain address whose local "
                    + "part is ASCII dot-atom text");
        }
        String domain;
        try {
            domain = IDN.toASCII(value.substring(at + 1), IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " address has a domain that is not a valid host name");
        }
        if (!HOST_NAME.matcher(domain).matches()) {
            throw new IllegalArgumentException(what + " address has a domain that is not a valid host name");
        }
        String address = local + "@" + domain;
        if (address.length() > MAX_ADDRESS_LENGTH) {
            throw new IllegalArgumentException(what + " address is longer than " + MAX_ADDRESS_LENGTH + " characters");
        }
        return address;
    }
}
