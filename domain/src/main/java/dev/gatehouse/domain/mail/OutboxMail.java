package dev.gatehouse.domain.mail;

import dev.gatehouse.domain.Required;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.tenant.TenantId;
import java.time.Instant;
import java.util.UUID;

/**
 * One rendered mail in the outbox, from the moment a use case records it until it is delivered or given
 * up. {@code attempts} counts claims: a delivery worker claims a mail by raising it, and its later report
 * (sent, retry, failed) only counts while the count is still the one it claimed with, so a worker whose
 * lease ran out cannot overwrite the outcome of the worker that took over.
 *
 * @param leaseUntil  while in the future, a worker is delivering the mail; null when nobody claimed it
 * @param finishedAt  when the mail was delivered or given up; null while pending
 * @param lastError   why the last attempt failed (no secrets: SMTP reply or connection error); may be null
 */
public record OutboxMail(UUID id, TenantId tenant, MailKind kind, String to, String fromAddress, String fromName,
                         String subject, String text, String html, Status status, int attempts, Instant createdAt,
                         Instant nextAttemptAt, Instant leaseUntil, Instant finishedAt, String lastError) {

    public static final int MAX_FROM_NAME_LENGTH = 200;
    public static final int MAX_SUBJECT_LENGTH = 998;
    public static final int MAX_BODY_LENGTH = 1_000_000;

    /** Where a mail is in its life. */
    public enum Status { PENDING, SENT, FAILED }

    public OutboxMail {
        Required.nonNull("id", id, "tenant", tenant, "kind", kind, "to", to, "from address", fromAddress,
                "status", status, "created", createdAt, "next attempt", nextAttemptAt);
        fromName = fromName == null ? "" : fromName;
        subject = subject == null ? "" : subject;
        text = text == null ? "" : text;
        html = html == null ? "" : html;
        requireAtMost("fromName", fromName, MAX_FROM_NAME_LENGTH);
        requireAtMost("subject", subject, MAX_SUBJECT_LENGTH);
        requireAtMost("text", text, MAX_BODY_LENGTH);
        requireAtMost("html", html, MAX_BODY_LENGTH);
    }

    private static void requireAtMost(String field, String value, int max) {
        if (value.length() > max) {
            throw new InvalidInput(field, "must be at most " + max + " characters");
        }
    }

    /** A new mail, due at once. */
    public static OutboxMail pending(UUID id, TenantId tenant, MailKind kind, String to, String fromAddress,
                                     String fromName, String subject, String text, String html, Instant now) {
        return new OutboxMail(id, tenant, kind, to, fromAddress, fromName, subject, text, html, Status.PENDING, 0,
                now, now, null, null, null);
    }

    /**
     * The {@code Message-ID} header: derived from the outbox id only, so every attempt at the same mail
     * carries the same one and receivers can drop duplicates.
     */
    public String messageId() {
        return "<" + id + "@gatehouse>";
    }
}
