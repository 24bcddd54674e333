package dev.gatehouse.application.mail.port.out;

import dev.gatehouse.domain.Required;

/**
 * One mail as it leaves Gatehouse. {@code messageId} is stable across retries (the same mail keeps the
 * same {@code Message-ID} header) so that receivers can drop duplicates of an at-least-once delivery.
 *
 * @param fromName display name only (plain text), may be empty
 * @param html     may be empty for a text-only mail
 */
public record OutgoingMail(String messageId, String fromAddress, String fromName, String to, String subject,
                           String text, String html) {
    public OutgoingMail {
        Required.nonNull("message id", messageId, "from address", fromAddress, "to", to, "subject", subject,
                "text", text);
        fromName = fromName == null ? "" : fromName;
        html = html == null ? "" : html;
    }
}
