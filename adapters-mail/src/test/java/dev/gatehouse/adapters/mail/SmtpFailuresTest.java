package dev.gatehouse.adapters.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gatehouse.application.mail.port.out.MailDeliveryFailed;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.simplejavamail.MailException;
import org.simplejavamail.mailer.MailerHelper;

/**
 * The shapes below are the ones Angus Mail 2.0 and simple-java-mail 8 produce (see SMTPTransport#rcptTo,
 * #mailFrom, #issueSendCommand and SendMailClosure); {@code wrapped} stands in for simple-java-mail's
 * package-private MailerException, which only adds a message.
 */
class SmtpFailuresTest {

    @ParameterizedTest
    @ValueSource(ints = {550, 551, 552, 553, 554, 501, 503, 571})
    void aFiveHundredReplyToRcptToIsPermanent(int code) throws AddressException {
        MailDeliveryFailed failure = SmtpFailures.classify(wrapped(rcptFailed(code, code + " 5.1.1 mailbox unavailable")));

        assertThat(failure.permanent()).isTrue();
        assertThat(failure.getMessage()).isEqualTo("SMTP server answered " + code + " 5.1.1 mailbox unavailable");
    }

    @ParameterizedTest
    @ValueSource(ints = {421, 450, 451, 452, 454})
    void aFourHundredReplyToRcptToIsTransient(int code) throws AddressException {
        MailDeliveryFailed failure = SmtpFailures.classify(wrapped(rcptFailed(code, code + " 4.2.0 try later")));

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.getMessage()).contains(code + " 4.2.0 try later");
    }

    @Test
    void aReplyToDataIsPermanentFor5xxAndTransientFor4xx() {
        assertThat(SmtpFailures.classify(wrapped(dataFailed(554, "554 5.7.1 rejected as spam"))).permanent()).isTrue();
        assertThat(SmtpFailures.classify(wrapped(dataFailed(451, "451 4.3.0 local error"))).permanent()).isFalse();
    }

    @Test
    void aRefusedSenderIsPermanent() throws AddressException {
        SMTPSendFailedException mailFrom = new SMTPSendFailedException("MAIL FROM:<no-reply@gatehouse.example>", 550,
                "550 5.7.1 sender not allowed\n", null, null, null, null);
        mailFrom.setNextException(new SMTPSenderFailedException(new InternetAddress("no-reply@gatehouse.example"),
                "MAIL FROM:<no-reply@gatehouse.example>", 550, "550 5.7.1 sender not allowed\n"));

        MailDeliveryFailed failure = SmtpFailures.classify(wrapped(mailFrom));

        assertThat(failure.permanent()).isTrue();
        assertThat(failure.getMessage()).isEqualTo("SMTP server answered 550 5.7.1 sender not allowed");
    }

    @ParameterizedTest
    @ValueSource(ints = {530, 534, 535, 538})
    void authenticationRepliesAreTransientBecauseTheyAreAboutOurConfigurationNotTheMail(int code) {
        assertThat(SmtpFailures.classify(wrapped(dataFailed(code, code + " 5.7.0 authentication required")))
                .permanent()).isFalse();
    }

    @Test
    void refusedCredentialsAreTransient() {
        MailDeliveryFailed failure = SmtpFailures.classify(
                wrapped(new AuthenticationFailedException("535 5.7.8  Authentication credentials invalid\n")));

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.getMessage())
                .isEqualTo("SMTP server refused the credentials: 535 5.7.8  Authentication credentials invalid");
    }

    @Test
    void networkFailuresAreTransientAndNameTheRootCause() {
        MailDeliveryFailed refused = SmtpFailures.classify(wrapped(new MessagingException(
                "Couldn't connect to host, port: 127.0.0.1, 2525; timeout 10000", new ConnectException("Connection refused"))));
        assertThat(refused.permanent()).isFalse();
        assertThat(refused.getMessage()).isEqualTo("Couldn't connect to host, port: 127.0.0.1, 2525; timeout 10000: "
                + "java.net.ConnectException: Connection refused");

        assertThat(SmtpFailures.classify(wrapped(new MessagingException("Exception reading response",
                new SocketTimeoutException("Read timed out")))).permanent()).isFalse();
        assertThat(SmtpFailures.classify(wrapped(new MessagingException("Unknown SMTP host: mail.example.com",
                new UnknownHostException("mail.example.com")))).permanent()).isFalse();
        assertThat(SmtpFailures.classify(wrapped(new MessagingException("Could not convert socket to TLS",
                new SSLHandshakeException("PKIX path building failed")))).permanent()).isFalse();
        assertThat(SmtpFailures.classify(wrapped(new MessagingException(
                "STARTTLS is required but host does not support STARTTLS"))).permanent()).isFalse();
    }

    @Test
    void aMailSimpleJavaMailRefusesBeforeSendingIsPermanent() {
        MailException refused = catchThrowableOfType(MailException.class,
                () -> MailerHelper.scanForInjectionAttack("Hello%0ABcc: x", "email.subject"));

        MailDeliveryFailed failure = SmtpFailures.classify(refused);

        assertThat(failure.permanent()).isTrue();
        assertThat(failure.getMessage()).startsWith("refused before sending: ");
    }

    @Test
    void anythingUnrecognisedIsTransient() {
        MailDeliveryFailed failure = SmtpFailures.classify(new IllegalStateException("boom"));

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.getMessage()).isEqualTo("unexpected failure: java.lang.IllegalStateException: boom");
    }

    @Test
    void keepsTheOriginalAsCause() {
        RuntimeException original = wrapped(dataFailed(554, "554 no"));

        assertThat(SmtpFailures.classify(original)).hasCause(original);
    }

    @Test
    void serverTextIsReportedOnOneBoundedLine() {
        String multiLine = "554-5.7.1 first line\r\n554-second line\r\n554 " + "x".repeat(1000) + "\r\n";

        String reason = SmtpFailures.classify(wrapped(dataFailed(554, multiLine))).getMessage();

        assertThat(reason).doesNotContain("\r", "\n").startsWith("SMTP server answered 554-5.7.1 first line 554-second line");
        assertThat(reason).hasSizeLessThan(400);
    }

    @Test
    void survivesCyclicCauseChains() {
        RuntimeException a = new RuntimeException("a");
        MessagingException b = new MessagingException("b");
        a.initCause(b);
        b.setNextException(a);

        MailDeliveryFailed failure = SmtpFailures.classify(a);

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.getMessage()).isEqualTo("b");
    }

    private static RuntimeException wrapped(Exception cause) {
        return new RuntimeException("Third party error", cause);
    }

    private static SendFailedException rcptFailed(int code, String reply) throws AddressException {
        InternetAddress to = new InternetAddress("alice@example.com");
        SMTPAddressFailedException rcpt = new SMTPAddressFailedException(to, "RCPT TO:<alice@example.com>", code, reply + "\n");
        return new SendFailedException("Invalid Addresses", rcpt, new Address[0], new Address[0], new Address[] {to});
    }

    private static SMTPSendFailedException dataFailed(int code, String reply) {
        return new SMTPSendFailedException(".", code, reply, null, null, null, null);
    }
}
