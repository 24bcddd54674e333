package dev.gatehouse.adapters.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gatehouse.adapters.mail.ScriptedSmtpServer.Stage;
import dev.gatehouse.application.mail.port.out.MailDeliveryFailed;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Against a scripted SMTP server on a real socket: what the server answers decides the failure kind. */
class SmtpReplyCodesIT {

    @ParameterizedTest(name = "{1} at {0} -> permanent={2}")
    @CsvSource(delimiter = '|', value = {
            "RCPT | 550 5.1.1 mailbox unavailable          | true",
            "RCPT | 553 5.1.3 bad destination address      | true",
            "RCPT | 450 4.2.1 mailbox busy, try later      | false",
            "RCPT | 451 4.3.0 local error in processing    | false",
            "DATA | 554 5.7.1 message rejected             | true",
            "DATA | 552 5.3.4 message too big              | true",
            "DATA | 451 4.7.1 greylisted, come back later  | false",
            "DATA | 421 4.3.2 service shutting down        | false",
            "MAIL | 550 5.7.1 sender address rejected      | true",
            "MAIL | 452 4.3.1 insufficient system storage  | false",
            "MAIL | 530 5.7.0 authentication required      | false"})
    void classifiesTheServersAnswer(Stage stage, String reply, boolean permanent) throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.answering(stage, reply);
             SmtpMailSender sender = new SmtpMailSender(SmtpSettings.parse("smtp://127.0.0.1:" + server.port()))) {

            MailDeliveryFailed failure = catchThrowableOfType(MailDeliveryFailed.class,
                    () -> sender.send(MailMother.mail().build()));

            assertThat(failure).isNotNull();
            assertThat(failure.permanent()).isEqualTo(permanent);
            assertThat(failure.getMessage()).isEqualTo("SMTP server answered " + reply);
            assertThat(server.commands()).anyMatch(command -> command.toUpperCase().startsWith(stage.name()));
        }
    }

    @Test
    void aSuccessfulDialogueSendsTheEnvelopeFromTheMail() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.answering(Stage.DATA, "250 2.0.0 queued as 42");
             SmtpMailSender sender = new SmtpMailSender(SmtpSettings.parse("smtp://127.0.0.1:" + server.port()))) {

            sender.send(MailMother.mail().from("Gatehouse", "no-reply@gatehouse.example").to("alice@example.com").build());

            assertThat(server.commands()).contains("MAIL FROM:<no-reply@gatehouse.example>", "RCPT TO:<alice@example.com>",
                    "DATA", "QUIT");
            assertThat(server.commands()).noneMatch(command -> command.startsWith("STARTTLS"));
        }
    }

    @Test
    void opportunisticStarttlsTriesTlsWhenOfferedAndDoesNotFallBackWhenItFails() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.offeringStarttls();
             SmtpMailSender sender = new SmtpMailSender(SmtpSettings.parse("smtp://127.0.0.1:" + server.port()))) {

            MailDeliveryFailed failure = catchThrowableOfType(MailDeliveryFailed.class,
                    () -> sender.send(MailMother.mail().build()));

            assertThat(failure).isNotNull();
            assertThat(failure.permanent()).isFalse();
            assertThat(server.commands()).contains("STARTTLS").noneMatch(command -> command.startsWith("MAIL"));
        }
    }

    @Test
    void starttlsOffSendsInPlainTextEvenWhenTheServerOffersTls() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.offeringStarttls();
             SmtpMailSender sender = new SmtpMailSender(
                     SmtpSettings.parse("smtp://127.0.0.1:" + server.port() + "?starttls=off"))) {

            sender.send(MailMother.mail().build());

            assertThat(server.commands()).doesNotContain("STARTTLS").contains("DATA");
        }
    }

    @Test
    void aServerThatNeverAnswersIsATransientFailureWithinTheTimeout() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.silent();
             SmtpMailSender sender = new SmtpMailSender(
                     SmtpSettings.parse("smtp://127.0.0.1:" + server.port() + "?timeout=500ms"))) {
            long start = System.nanoTime();

            MailDeliveryFailed failure = catchThrowableOfType(MailDeliveryFailed.class,
                    () -> sender.send(MailMother.mail().build()));

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(failure).isNotNull();
            assertThat(failure.permanent()).isFalse();
            assertThat(failure.getMessage()).containsIgnoringCase("timed out");
            assertThat(server.connectionsAccepted()).isEqualTo(1);
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(400)).isLessThan(Duration.ofSeconds(5));
        }
    }
}
