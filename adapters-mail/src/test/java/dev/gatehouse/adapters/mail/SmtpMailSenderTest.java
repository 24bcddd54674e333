package dev.gatehouse.adapters.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gatehouse.application.mail.port.out.MailDeliveryFailed;
import org.junit.jupiter.api.Test;
import org.simplejavamail.api.email.Email;

/** What is handed to simple-java-mail, without a server. */
class SmtpMailSenderTest {

    @Test
    void fixesTheCallersMessageIdAndNeutralisesFreeText() {
        Email email = SmtpMailSender.toEmail(MailMother.mail()
                .messageId("<abc@gatehouse>")
                .from("Acme\r\nBcc: x@example.com", "no-reply@gatehouse.example")
                .subject("Hi\nthere")
                .build());

        assertThat(email.getId()).isEqualTo("<abc@gatehouse>");
        assertThat(email.getFromRecipient().getName()).isEqualTo("Acme Bcc: x@example.com");
        assertThat(email.getFromRecipient().getAddress()).isEqualTo("no-reply@gatehouse.example");
        assertThat(email.getSubject()).isEqualTo("Hi there");
        assertThat(email.getRecipients()).singleElement()
                .satisfies(to -> assertThat(to.getAddress()).isEqualTo("alice@example.com"));
        assertThat(email.getRecipients().getFirst().getName()).isNull();
    }

    @Test
    void leavesHtmlOutWhenEmpty() {
        Email email = SmtpMailSender.toEmail(MailMother.mail().text("t").html("").build());

        assertThat(email.getPlainText()).isEqualTo("t");
        assertThat(email.getHTMLText()).isNull();
    }

    @Test
    void aMalformedAddressIsAPermanentFailureBeforeAnyConnection() {
        MailDeliveryFailed failure = catchThrowableOfType(MailDeliveryFailed.class,
                () -> SmtpMailSender.toEmail(MailMother.mail().to("not an address").build()));

        assertThat(failure.permanent()).isTrue();
        assertThat(failure.getMessage()).startsWith("to address ");
    }

    @Test
    void toStringShowsTheServerButNotThePassword() {
        try (SmtpMailSender sender = new SmtpMailSender(SmtpSettings.parse("smtp://bob:hunter2@mail.example.com:587"))) {
            assertThat(sender.toString()).contains("mail.example.com:587").doesNotContain("hunter2");
        }
    }
}
