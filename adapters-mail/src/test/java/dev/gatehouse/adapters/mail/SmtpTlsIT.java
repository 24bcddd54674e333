package dev.gatehouse.adapters.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.icegreen.greenmail.util.DummySSLServerSocketFactory;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.gatehouse.application.mail.port.out.MailDeliveryFailed;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS against GreenMail's SMTPS server with a certificate made for this run (CN and SAN localhost, no
 * IP address).
 * The client trusts it only where a test installs it as the JVM's default SSL context, the same place
 * {@code -Djavax.net.ssl.trustStore} puts an operator's private CA.
 */
class SmtpTlsIT {
    private static final String STORE_PASSWORD = "changeit";

    @TempDir
    static Path dir;
    private static Path keyStore;
    private static SSLContext jvmDefault;
    private GreenMail greenMail;

    @BeforeAll
    static void makeCertificate() throws Exception {
        keyStore = dir.resolve("localhost.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "localhost", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_FILE_PROPERTY, keyStore.toString());
        jvmDefault = SSLContext.getDefault();
    }

    @AfterAll
    static void restore() {
        System.clearProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_FILE_PROPERTY);
        SSLContext.setDefault(jvmDefault);
    }

    @AfterEach
    void stopServer() {
        SSLContext.setDefault(jvmDefault);
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    @Test
    void smtpsDeliversOverTlsWhenTheCertificateIsTrusted() throws Exception {
        trustOurCertificate();
        startSmtps();

        try (SmtpMailSender sender = new SmtpMailSender(SmtpSettings.parse("smtps://localhost:" + smtpsPort()))) {
            sender.send(MailMother.mail().messageId("<tls-1@gatehouse>").build());
        }

        assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getMessageID()).isEqualTo("<tls-1@gatehouse>");
    }

    @Test
    void smtpsRefusesAnUntrustedCertificateAsATransientFailure() throws Exception {
        startSmtps();

        try (SmtpMailSender sender = new SmtpMailSender(SmtpSettings.parse("smtps://localhost:" + smtpsPort()))) {
            MailDeliveryFailed failure = catchThrowableOfType(MailDeliveryFailed.class,
                    () -> sender.send(MailMother.mail().build()));

            assertThat(failure).isNotNull();
            assertThat(failure.permanent()).isFalse();
            assertThat(failure.getMessage()).containsIgnoringCase("certification path");
        }
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void smtpsRefusesATrustedCertificateForAnotherHostName() throws Exception {
        trustOurCertificate();
        startSmtps();
        // Same server, but asked for by IP address, which the certificate does not name.
        try (SmtpMailSender sender = new SmtpMailSender(SmtpSettings.parse("smtps://127.0.0.1:" + smtpsPort()))) {
            MailDeliveryFailed failure = catchThrowableOfType(MailDeliveryFailed.class,
                    () -> sender.send(MailMother.mail().build()));

            assertThat(failure).isNotNull();
            assertThat(failure.permanent()).isFalse();
            assertThat(failure.getMessage()).containsIgnoringCase("subject alternative name");
        }
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void requiredStarttlsNeverFallsBackToPlainText() throws Exception {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        String url = "smtp://127.0.0.1:" + greenMail.getSmtp().getPort() + "?starttls=required";

        try (SmtpMailSender sender = new SmtpMailSender(SmtpSettings.parse(url))) {
            MailDeliveryFailed failure = catchThrowableOfType(MailDeliveryFailed.class,
                    () -> sender.send(MailMother.mail().build()));

            assertThat(failure).isNotNull();
            assertThat(failure.permanent()).isFalse();
            assertThat(failure.getMessage()).contains("STARTTLS");
        }
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    private void startSmtps() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
        greenMail.start();
    }

    private int smtpsPort() {
        return greenMail.getSmtps().getPort();
    }

    private static void trustOurCertificate() throws Exception {
        KeyStore generated = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            generated.load(in, STORE_PASSWORD.toCharArray());
        }
        Certificate certificate = generated.getCertificate("localhost");
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("gatehouse-test", certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        SSLContext.setDefault(context);
    }
}
