package dev.gatehouse.adapters.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.gatehouse.application.mail.port.out.MailDeliveryFailed;
import dev.gatehouse.application.mail.port.out.OutgoingMail;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against GreenMail, a real SMTP server in this JVM. */
class SmtpMailSenderIT {
    private GreenMail greenMail;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void startServer() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
    }

    @AfterEach
    void stopServer() throws Exception {
        Collections.reverse(toClose);
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
        greenMail.stop();
    }

    @Test
    void deliversTextAndHtmlWithFromNameSubjectAndExactlyOurMessageId() throws Exception {
        OutgoingMail mail = MailMother.mail()
                .messageId("<k3j4h5-confirm.1@gatehouse>")
                .from("Gatehouse Accounts", "no-reply@gatehouse.example")
                .to("alice@example.com")
                .subject("Confirm your email")
                .text("Open https://gatehouse.example/confirm?t=abc to confirm.\n")
                .html("<p>Open <a href=\"https://gatehouse.example/confirm?t=abc\">this link</a>.</p>")
                .build();

        sender(smtpUrl()).send(mail);

        MimeMessage received = onlyReceived();
        assertThat(received.getHeader("Message-ID")).containsExactly("<k3j4h5-confirm.1@gatehouse>");
        assertThat(received.getFrom()).containsExactly(new InternetAddress("no-reply@gatehouse.example", "Gatehouse Accounts"));
        assertThat(((InternetAddress) received.getFrom()[0]).getPersonal()).isEqualTo("Gatehouse Accounts");
        assertThat(received.getRecipients(Message.RecipientType.TO)).containsExactly(new InternetAddress("alice@example.com"));
        assertThat(received.getRecipients(Message.RecipientType.CC)).isNull();
        assertThat(received.getRecipients(Message.RecipientType.BCC)).isNull();
        assertThat(received.getSubject()).isEqualTo("Confirm your email");
        assertThat(received.getContentType()).startsWith("multipart/alternative");
        assertThat(leaves(received, "text/plain")).containsExactly("Open https://gatehouse.example/confirm?t=abc to confirm.");
        assertThat(leaves(received, "text/html"))
                .containsExactly("<p>Open <a href=\"https://gatehouse.example/confirm?t=abc\">this link</a>.</p>");
    }

    @Test
    void sendsOnlyTextPlainWhenThereIsNoHtml() throws Exception {
        sender(smtpUrl()).send(MailMother.mail().text("Just text.\n").html("").build());

        MimeMessage received = onlyReceived();
        assertThat(received.getContentType()).startsWith("text/plain");
        assertThat(leaves(received, "text/plain")).containsExactly("Just text.");
        assertThat(leaves(received, "text/html")).isEmpty();
    }

    @Test
    void omitsTheDisplayNameWhenThereIsNone() throws Exception {
        sender(smtpUrl()).send(MailMother.mail().from("", "no-reply@gatehouse.example").build());

        assertThat(onlyReceived().getHeader("From")).containsExactly("no-reply@gatehouse.example");
    }

    @Test
    void encodesNonAsciiSubjectNameAndBody() throws Exception {
        sender(smtpUrl()).send(MailMother.mail()
                .from("Zoë Ünïcode ✓", "no-reply@gatehouse.example")
                .subject("Grüße, bitte bestätigen ✓")
                .text("Grüße ✓\n")
                .html("<p>Grüße ✓</p>")
                .build());

        MimeMessage received = onlyReceived();
        assertThat(((InternetAddress) received.getFrom()[0]).getPersonal()).isEqualTo("Zoë Ünïcode ✓");
        assertThat(received.getSubject()).isEqualTo("Grüße, bitte bestätigen ✓");
        assertThat(received.getHeader("Subject")[0]).isASCII();
        assertThat(leaves(received, "text/plain")).containsExactly("Grüße ✓");
        assertThat(leaves(received, "text/html")).containsExactly("<p>Grüße ✓</p>");
    }

    @Test
    void authenticatesWithThePercentDecodedUserAndPasswordFromTheUrl() throws Exception {
        greenMail.setUser("bob@gatehouse.example", "bob@gatehouse.example", "p@ss:w/rd é%");
        String url = "smtp://bob%40gatehouse.example:p%40ss%3Aw%2Frd%20%C3%A9%25@127.0.0.1:" + port();

        sender(url).send(MailMother.mail().build());

        assertThat(onlyReceived().getRecipients(Message.RecipientType.TO))
                .containsExactly(new InternetAddress("alice@example.com"));
    }

    @Test
    void aWrongPasswordIsATransientFailureAndSendsNothing() {
        greenMail.setUser("bob@gatehouse.example", "bob@gatehouse.example", "right");
        String url = "smtp://bob%40gatehouse.example:wrong@127.0.0.1:" + port();

        MailDeliveryFailed failure = catchThrowableOfType(MailDeliveryFailed.class,
                () -> sender(url).send(MailMother.mail().build()));

        assertThat(failure).isNotNull();
        assertThat(failure.permanent()).isFalse();
        assertThat(failure.getMessage()).contains("credentials").doesNotContain("wrong");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void aServerThatIsDownIsATransientFailureAndTheSameMailGoesThroughOnceItIsUp() throws Exception {
        greenMail.stop();
        int port = freePort();
        SmtpMailSender sender = sender("smtp://127.0.0.1:" + port);
        OutgoingMail mail = MailMother.mail().messageId("<retry-1@gatehouse>").build();

        MailDeliveryFailed failure = catchThrowableOfType(MailDeliveryFailed.class, () -> sender.send(mail));
        assertThat(failure).isNotNull();
        assertThat(failure.permanent()).isFalse();
        assertThat(failure.getMessage()).contains("Connection refused");

        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        sender.send(mail);

        assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getHeader("Message-ID")).containsExactly("<retry-1@gatehouse>");
    }

    @Test
    void oneSenderServesManyThreadsAtOnce() throws Exception {
        SmtpMailSender sender = sender(smtpUrl());
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 8; i++) {
            String id = "<parallel-" + i + "@gatehouse>";
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    sender.send(MailMother.mail().messageId(id).build());
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(failures).isEmpty();
        assertThat(greenMail.waitForIncomingEmail(5_000, 8)).isTrue();
        List<String> ids = new ArrayList<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            ids.add(message.getMessageID());
        }
        assertThat(ids).hasSize(8).doesNotHaveDuplicates().allMatch(id -> id.startsWith("<parallel-"));
    }

    @Test
    void lineBreaksInTheSubjectCannotAddHeaders() throws Exception {
        sender(smtpUrl()).send(MailMother.mail()
                .subject("Hello\r\nBcc: evil@example.com\r\nX-Injected: yes")
                .build());

        MimeMessage received = onlyReceived();
        assertThat(received.getSubject()).isEqualTo("Hello Bcc: evil@example.com X-Injected: yes");
        assertNoInjectedHeaders(received);
    }

    @Test
    void lineBreaksInTheDisplayNameCannotAddHeaders() throws Exception {
        sender(smtpUrl()).send(MailMother.mail()
                .from("Evil\r\nBcc: evil@example.com\nX-Injected: yes", "no-reply@gatehouse.example")
                .build());

        MimeMessage received = onlyReceived();
        assertThat(((InternetAddress) received.getFrom()[0]).getPersonal()).isEqualTo("Evil Bcc: evil@example.com X-Injected: yes");
        assertThat(((InternetAddress) received.getFrom()[0]).getAddress()).isEqualTo("no-reply@gatehouse.example");
        assertNoInjectedHeaders(received);
    }

    @Test
    void lineBreaksOrExtraRecipientsInAnAddressOrTheMessageIdAreRefusedPermanently() {
        SmtpMailSender sender = sender(smtpUrl());
        List<OutgoingMail> attempts = List.of(
                MailMother.mail().to("alice@example.com\r\nBcc: evil@example.com").build(),
                MailMother.mail().to("alice@example.com, evil@example.com").build(),
                MailMother.mail().to("Alice <alice@example.com>").build(),
                MailMother.mail().from("Gatehouse", "no-reply@gatehouse.example\r\nBcc: evil@example.com").build(),
                MailMother.mail().messageId("<a@gatehouse>\r\nBcc: evil@example.com").build(),
                MailMother.mail().messageId("no-brackets@gatehouse").build());

        for (OutgoingMail mail : attempts) {
            MailDeliveryFailed failure = catchThrowableOfType(MailDeliveryFailed.class, () -> sender.send(mail));
            assertThat(failure).as(mail.toString()).isNotNull();
            assertThat(failure.permanent()).as(mail.toString()).isTrue();
        }
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void aLiteralPercent0AInTheSubjectIsRefusedPermanentlyBySimpleJavaMail() {
        MailDeliveryFailed failure = catchThrowableOfType(MailDeliveryFailed.class,
                () -> sender(smtpUrl()).send(MailMother.mail().subject("100%0A off").build()));

        assertThat(failure).isNotNull();
        assertThat(failure.permanent()).isTrue();
        assertThat(failure.getMessage()).startsWith("refused before sending: ");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void aClosedSenderFailsTransiently() {
        SmtpMailSender sender = sender(smtpUrl());
        sender.close();
        sender.close();

        MailDeliveryFailed failure = catchThrowableOfType(MailDeliveryFailed.class, () -> sender.send(MailMother.mail().build()));

        assertThat(failure).isNotNull();
        assertThat(failure.permanent()).isFalse();
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    private static void assertNoInjectedHeaders(MimeMessage received) throws MessagingException {
        assertThat(received.getHeader("Bcc")).isNull();
        assertThat(received.getHeader("X-Injected")).isNull();
        assertThat(received.getAllRecipients()).containsExactly(new InternetAddress("alice@example.com"));
    }

    private MimeMessage onlyReceived() {
        assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        return received[0];
    }

    /**
     * The decoded bodies of all leaf parts of that type, line ends normalised to \n, without trailing white
     * space (GreenMail keeps a final line break before a MIME boundary but not before the end of DATA).
     */
    private static List<String> leaves(Part part, String type) throws MessagingException, IOException {
        List<String> found = new ArrayList<>();
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                found.addAll(leaves(child, type));
            }
        } else if (part.getContentType().toLowerCase(Locale.ROOT).startsWith(type)) {
            found.add(((String) part.getContent()).replace("\r\n", "\n").stripTrailing());
        }
        return found;
    }

    private SmtpMailSender sender(String url) {
        SmtpMailSender sender = new SmtpMailSender(SmtpSettings.parse(url));
        toClose.add(sender);
        return sender;
    }

    private String smtpUrl() {
        return "smtp://127.0.0.1:" + port();
    }

    private int port() {
        return greenMail.getSmtp().getPort();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
