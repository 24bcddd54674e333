package dev.gatehouse.application.mail;

import dev.gatehouse.application.mail.port.out.MailHtmlSanitizer;
import dev.gatehouse.application.mail.port.out.MailOutbox;
import dev.gatehouse.application.mail.port.out.MailSender;
import dev.gatehouse.application.mail.port.out.MailTemplateRepository;
import dev.gatehouse.domain.Required;
import dev.gatehouse.domain.mail.MailDeliveryPolicy;
import java.time.Duration;

/**
 * Outgoing mail: the outbox and template stores, the mail server, and how delivery behaves.
 *
 * @param serverSender the sender of tenants without a default sender of their own ({@code GATEHOUSE_MAIL_FROM})
 * @param lease        how long a delivery worker owns a claimed mail before another may retry it
 * @param keepBodies   keep subject and bodies after delivery (dev mode: the dev mailbox reads them);
 *                     false clears them once a mail is delivered or given up, so no code outlives it
 */
public record MailSetup(MailOutbox outbox, MailTemplateRepository templates, MailSender sender, String serverSender,
                   MailDeliveryPolicy policy, Duration lease, boolean keepBodies, MailHtmlSanitizer htmlSanitizer) {
    /** With {@link MailHtmlSanitizer#TEXT_ONLY}: caller-written mail HTML keeps no formatting at all. */
    public MailSetup(MailOutbox outbox, MailTemplateRepository templates, MailSender sender, String serverSender,
                MailDeliveryPolicy policy, Duration lease, boolean keepBodies) {
        this(outbox, templates, sender, serverSender, policy, lease, keepBodies, MailHtmlSanitizer.TEXT_ONLY);
    }

    public MailSetup {
        Required.nonNull("htmlSanitizer", htmlSanitizer, "outbox", outbox, "templates", templates, "sender", sender,
                "server sender", serverSender, "policy", policy);
        if (lease == null || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("the delivery lease must be positive");
        }
    }
}
