package dev.gatehouse.adapters.mail;

import dev.gatehouse.application.mail.port.out.MailDeliveryFailed;
import dev.gatehouse.application.mail.port.out.MailSender;
import dev.gatehouse.application.mail.port.out.OutgoingMail;

/**
 * Mail explicitly switched off ({@code GATEHOUSE_MAIL_DISABLED=true}): every mail fails permanently, so the
 * outbox records it as given up (with this reason) and clears its body; nothing is sent, nothing is logged.
 */
public final class DisabledMailSender implements MailSender {
    public static final String REASON = "mail delivery is disabled (GATEHOUSE_MAIL_DISABLED=true)";

    @Override
    public void send(OutgoingMail mail) {
        throw new MailDeliveryFailed(true, REASON, null);
    }
}
