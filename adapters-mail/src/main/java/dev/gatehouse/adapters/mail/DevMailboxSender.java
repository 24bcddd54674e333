package dev.gatehouse.adapters.mail;

import dev.gatehouse.application.mail.port.out.MailSender;
import dev.gatehouse.application.mail.port.out.OutgoingMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dev mode without an SMTP server: "delivers" a mail by writing it to the log, text part included, so the
 * developer sees the link or code at once; the mail itself stays readable in the dev mailbox
 * ({@code GET /v1/dev/mailbox}). Never wired in prod mode: the log would then hold live codes.
 */
public final class DevMailboxSender implements MailSender {
    private static final Logger log = LoggerFactory.getLogger(DevMailboxSender.class);

    @Override
    public void send(OutgoingMail mail) {
        log.info("DEV MAILBOX (no SMTP server configured): mail {} to {} from {}, subject '{}':\n{}", mail.messageId(),
                mail.to(), mail.fromAddress(), MailHeaders.plainText(mail.subject()), mail.text());
    }
}
