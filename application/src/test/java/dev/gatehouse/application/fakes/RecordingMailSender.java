package dev.gatehouse.application.fakes;

import dev.gatehouse.application.mail.port.out.MailDeliveryFailed;
import dev.gatehouse.application.mail.port.out.MailSender;
import dev.gatehouse.application.mail.port.out.OutgoingMail;
import java.util.ArrayList;
import java.util.List;

/**
 * A mail server stand-in for use-case tests: keeps what it was given, or fails as told
 * ({@link #failTransiently}, {@link #failPermanently}, {@link #work}).
 */
public final class RecordingMailSender implements MailSender {
    private final List<OutgoingMail> sent = new ArrayList<>();
    private volatile MailDeliveryFailed failure;

    @Override
    public synchronized void send(OutgoingMail mail) {
        MailDeliveryFailed current = failure;
        if (current != null) {
            throw current;
        }
        sent.add(mail);
    }

    public void failTransiently() {
        failure = new MailDeliveryFailed(false, "connection refused", null);
    }

    public void failPermanently() {
        failure = new MailDeliveryFailed(true, "SMTP server answered 550 no such mailbox", null);
    }

    public void work() {
        failure = null;
    }

    public synchronized List<OutgoingMail> sent() {
        return List.copyOf(sent);
    }
}
