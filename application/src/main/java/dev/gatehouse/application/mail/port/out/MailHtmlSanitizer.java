package dev.gatehouse.application.mail.port.out;

/**
 * Makes caller-written mail HTML harmless before it is sent from a tenant's address: an allow-list of text
 * formatting, with no attribute, so no link, image, script, style or hidden text survives. Text (including the
 * {@code [link]} placeholder) stays text, escaped.
 */
@FunctionalInterface
public interface MailHtmlSanitizer {
    /** Keeps nothing but escaped text: the safe stand-in where no real sanitizer is wired (tests, no mail). */
    MailHtmlSanitizer TEXT_ONLY = html -> html == null ? "" : html.replace("&", "&amp;").replace("<", "&lt;")
            .replace(">", "&gt;").replace("\"", "&#34;").replace("'", "&#39;");

    /** @return well-formed HTML holding only allowed formatting and escaped text; never null */
    String sanitize(String html);
}
