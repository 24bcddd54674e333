package dev.gatehouse.adapters.mail;

import dev.gatehouse.application.mail.port.out.OutgoingMail;
import java.util.concurrent.atomic.AtomicInteger;

/** Mails for tests: {@code MailMother.mail().to("x@example.com").build()}; each gets its own Message-ID. */
final class MailMother {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private String messageId = "<test-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() + "@gatehouse>";
    private String fromAddress = "no-reply@gatehouse.example";
    private String fromName = "Gatehouse";
    private String to = "alice@example.com";
    private String subject = "Confirm your email";
    private String text = "Open https://gatehouse.example/confirm?t=abc to confirm.\n";
    private String html = "<p>Open <a href=\"https://gatehouse.example/confirm?t=abc\">this link</a> to confirm.</p>";

    private MailMother() {
    }

    static MailMother mail() {
        return new MailMother();
    }

    MailMother messageId(String messageId) {
        this.messageId = messageId;
        return this;
    }

    MailMother from(String fromName, String fromAddress) {
        this.fromName = fromName;
        this.fromAddress = fromAddress;
        return this;
    }

    MailMother to(String to) {
        this.to = to;
        return this;
    }

    MailMother subject(String subject) {
        this.subject = subject;
        return this;
    }

    MailMother text(String text) {
        this.text = text;
        return this;
    }

    MailMother html(String html) {
        this.html = html;
        return this;
    }

    OutgoingMail build() {
        return new OutgoingMail(messageId, fromAddress, fromName, to, subject, text, html);
    }
}
