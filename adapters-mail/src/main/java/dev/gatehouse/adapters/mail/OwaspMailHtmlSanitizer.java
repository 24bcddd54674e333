package dev.gatehouse.adapters.mail;

import dev.gatehouse.application.mail.port.out.MailHtmlSanitizer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * The allow-list of caller-written mail HTML (the compat magic link of a tenant that opted in to caller content),
 * on the OWASP Java HTML Sanitizer: text formatting and structure only, and no attribute at all. So no link
 * ({@code a} is dropped, its text kept), no image or other remote content, no script, style or form, no
 * {@code style} or {@code class} that could hide text, no {@code id} to aim CSS at. What is left is escaped,
 * well-formed HTML: the placeholder {@code [link]} stays as text and the application puts the one link there.
 */
public final class OwaspMailHtmlSanitizer implements MailHtmlSanitizer {
    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements("p", "br", "div", "span", "b", "strong", "i", "em", "u", "s", "small", "sub", "sup",
                    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "code", "hr",
                    "table", "thead", "tbody", "tr", "th", "td")
            .toFactory();

    @Override
    public String sanitize(String html) {
        return POLICY.sanitize(html == null ? "" : html);
    }
}
