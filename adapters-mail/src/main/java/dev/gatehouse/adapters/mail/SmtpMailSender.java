package dev.gatehouse.adapters.mail;

import dev.gatehouse.application.mail.port.out.MailDeliveryFailed;
import dev.gatehouse.application.mail.port.out.MailSender;
import dev.gatehouse.application.mail.port.out.OutgoingMail;
import jakarta.mail.Message;
import java.util.Objects;
import org.simplejavamail.api.email.Email;
import org.simplejavamail.api.email.EmailPopulatingBuilder;
import org.simplejavamail.api.email.Recipient;
import org.simplejavamail.api.mailer.Mailer;
import org.simplejavamail.api.mailer.MailerRegularBuilder;
import org.simplejavamail.api.mailer.config.TransportStrategy;
import org.simplejavamail.email.EmailBuilder;
import org.simplejavamail.mailer.MailerBuilder;

/**
 * Sends mail over SMTP with simple-java-mail (Angus Mail underneath). One instance per server, shared by
 * all threads: each {@link #send} opens its own connection (there is no connection pool), speaks SMTP,
 * and closes it. Every connect, read and write is bounded by {@link SmtpSettings#timeout()}. TLS
 * certificates are checked against the JVM's default trust store, host name included.
 *
 * <p>What goes out, from an {@link OutgoingMail}:
 * <ul>
 *   <li>{@code Message-ID}: {@code messageId} verbatim. The caller passes the whole header value, angle
 *       brackets included, e.g. {@code <k3j4h5@gatehouse>}; both sides of the {@code @} must be RFC 5322
 *       dot-atom text. Anything else is refused (permanent failure).</li>
 *   <li>{@code From}: {@code fromAddress} with {@code fromName} as display name. The name is plain text:
 *       line breaks and control characters become spaces, and it is quoted or encoded as needed.</li>
 *   <li>{@code To}: {@code to}. Addresses must be bare {@code local@domain} with an ASCII local part; an
 *       internationalised domain is sent in its {@code xn--} form. Anything else is refused (permanent).</li>
 *   <li>{@code Subject}: line breaks and control characters become spaces.</li>
 *   <li>Body: {@code multipart/alternative} with {@code text} and {@code html}; only {@code text/plain} when
 *       {@code html} is empty.</li>
 * </ul>
 * How failures are classified is described on {@link SmtpFailures}; in short, a 5xx answer is permanent,
 * everything else transient.
 *
 * <p>simple-java-mail also reads {@code simplejavamail.properties} and {@code SIMPLEJAVAMAIL_*} variables.
 * Everything here that decides where and whether mail goes is set explicitly and wins over those: server,
 * credentials, transport, STARTTLS, TLS checks, proxy, timeouts, logging-only mode, default and override
 * recipients. (Extra Jakarta Mail properties given that way, {@code simplejavamail.extraproperties.*},
 * still reach the session; Gatehouse does not set any.)
 */
public final class SmtpMailSender implements MailSender, AutoCloseable {
    private final SmtpSettings settings;
    private final Mailer mailer;
    private volatile boolean closed;

    public SmtpMailSender(SmtpSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.mailer = buildMailer(settings);
    }

    private static Mailer buildMailer(SmtpSettings settings) {
        TransportStrategy strategy = switch (settings.security()) {
            case IMPLICIT_TLS -> TransportStrategy.SMTPS;
            case STARTTLS_REQUIRED -> TransportStrategy.SMTP_TLS;
            case STARTTLS_OPPORTUNISTIC, PLAIN -> TransportStrategy.SMTP;
        };
        int timeoutMillis = (int) settings.timeout().toMillis();
        MailerRegularBuilder<?> builder = MailerBuilder
                .withSMTPServer(settings.host(), settings.port(), settings.username(), settings.password())
                .withTransportStrategy(strategy)
                .withCustomSSLFactoryClass(null)
                .clearProxy()
                .withSessionTimeout(timeoutMillis)
                .withDebugLogging(false)
                .withTransportModeLoggingOnly(false)
                .disablingAllClientValidation(false)
                .trustingAllHosts(false)
                .clearTrustedSSLHosts()
                .verifyingServerIdentity(true)
                .withEmailDefaults(EmailBuilder.startingBlank().buildEmail())
                .withEmailOverrides(EmailBuilder.startingBlank().buildEmail());
        if (strategy == TransportStrategy.SMTP) {
            // Set here, not through TransportStrategy.SMTP.setOpportunisticTLS, which is JVM-wide state.
            boolean starttls = settings.security() == SmtpSettings.Security.STARTTLS_OPPORTUNISTIC;
            builder.withProperty("mail.smtp.starttls.enable", Boolean.toString(starttls))
                    .withProperty("mail.smtp.starttls.required", "false");
        }
        return builder.buildMailer();
    }

    public SmtpSettings settings() {
        return settings;
    }

    /**
     * Hands the mail to the server: returns once the server has accepted it (250 after DATA).
     *
     * @throws MailDeliveryFailed permanent when the server refused it with 5xx or the mail cannot be
     *                            expressed safely (malformed address or Message-ID); transient otherwise
     */
    @Override
    public void send(OutgoingMail mail) {
        Objects.requireNonNull(mail, "mail");
        if (closed) {
            throw new MailDeliveryFailed(false, "the SMTP sender is closed", null);
        }
        Email email = toEmail(mail);
        try {
            mailer.sendMail(email, false);
        } catch (RuntimeException e) {
            throw SmtpFailures.classify(e);
        }
    }

    static Email toEmail(OutgoingMail mail) {
        String messageId;
        String from;
        String to;
        try {
            messageId = MailHeaders.messageId(mail.messageId());
            from = MailHeaders.address(mail.fromAddress(), "from");
            to = MailHeaders.address(mail.to(), "to");
        } catch (IllegalArgumentException e) {
            throw new MailDeliveryFailed(true, e.getMessage(), e);
        }
        String fromName = MailHeaders.plainText(mail.fromName());
        EmailPopulatingBuilder email = EmailBuilder.startingBlank()
                .ignoringDefaults(true)
                .ignoringOverrides(true)
                .fixingMessageId(messageId)
                .from(new Recipient(fromName.isEmpty() ? null : fromName, from, null))
                .to(new Recipient(null, to, Message.RecipientType.TO))
                .withSubject(MailHeaders.plainText(mail.subject()))
                .withPlainText(mail.text());
        if (!mail.html().isEmpty()) {
            email.withHTMLText(mail.html());
        }
        return email.buildEmail();
    }

    /** Releases simple-java-mail's resources; later sends fail as transient. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            mailer.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("closing the SMTP sender failed", e);
        }
    }

    @Override
    public String toString() {
        return "SmtpMailSender[" + settings + "]";
    }
}
