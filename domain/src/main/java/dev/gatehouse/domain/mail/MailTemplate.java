package dev.gatehouse.domain.mail;

import dev.gatehouse.domain.Texts;
import dev.gatehouse.domain.error.InvalidInput;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The three parts of a mail with {@code {{placeholders}}}: a one-line subject, a plain-text body and an
 * HTML body (which may be empty for a text-only mail). Placeholder names are letters and digits;
 * whitespace inside the braces is allowed ({@code {{ code }}}). Rendering fills placeholders with the
 * given values, HTML-escaping them in the HTML part, and leaves a placeholder without a value empty.
 */
public record MailTemplate(String subject, String text, String html) {
    public static final int MAX_SUBJECT_LENGTH = 200;
    public static final int MAX_BODY_LENGTH = 100_000;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9]*)\\s*}}");

    public MailTemplate {
        subject = Texts.stripped("subject", subject, 1, MAX_SUBJECT_LENGTH);
        text = text == null ? "" : text;
        html = html == null ? "" : html;
        if (subject.chars().anyMatch(c -> c == '\r' || c == '\n' || Character.isISOControl(c))) {
            throw new InvalidInput("subject", "must be a single line without control characters");
        }
        if (text.isBlank()) {
            throw new InvalidInput("text", "is required (every mail has a plain-text part)");
        }
        if (text.length() > MAX_BODY_LENGTH) {
            throw new InvalidInput("text", "must be at most " + MAX_BODY_LENGTH + " characters");
        }
        if (html.length() > MAX_BODY_LENGTH) {
            throw new InvalidInput("html", "must be at most " + MAX_BODY_LENGTH + " characters");
        }
    }

    /** The placeholders used anywhere in the template, in order of first appearance. */
    public Set<String> placeholders() {
        Set<String> names = new LinkedHashSet<>();
        for (String part : new String[] {subject, text, html}) {
            Matcher m = PLACEHOLDER.matcher(part);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /**
     * Refuses a template that uses a placeholder the kind does not offer: a typo such as {@code {{lnik}}}
     * would otherwise send mails without the link.
     */
    public MailTemplate requireValidFor(MailKind kind) {
        Objects.requireNonNull(kind, "kind");
        for (String name : placeholders()) {
            if (!kind.placeholders().contains(name)) {
                throw new InvalidInput("template", "unknown placeholder {{" + name + "}}; " + kind.slug()
                        + " mails offer " + String.join(", ", kind.placeholders().stream().sorted().toList()));
            }
        }
        return this;
    }

    /** Fills the placeholders. Line breaks in values never reach the subject. */
    public Rendered render(Map<String, String> values) {
        String renderedSubject = fill(subject, values, MailTemplate::singleLine);
        return new Rendered(renderedSubject, fill(text, values, v -> v),
                html.isEmpty() ? "" : fill(html, values, MailTemplate::escapeHtml));
    }

    /** A filled-in template. */
    public record Rendered(String subject, String text, String html) {
    }

    private static String fill(String template, Map<String, String> values,
                               java.util.function.UnaryOperator<String> encode) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 64);
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : encode.apply(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String singleLine(String value) {
        return value.replaceAll("\\p{Cntrl}+", " ");
    }

    /** Escapes the five characters that matter in HTML text and attribute values. */
    public static String escapeHtml(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
