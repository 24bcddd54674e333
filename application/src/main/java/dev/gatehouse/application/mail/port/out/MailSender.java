package dev.gatehouse.application.mail.port.out;

/**
 * Hands one mail to a mail server. Called by the outbox delivery worker after commit, never by a use
 * case directly, so no request ever waits on SMTP.
 */
public interface MailSender {

    /**
     * Delivers the mail or throws.
     *
     * @throws MailDeliveryFailed with {@code permanent() == false} when trying again later may work
     *                            (server unreachable, 4xx answer), {@code true} when it will not (5xx)
     */
    void send(OutgoingMail mail);
}
