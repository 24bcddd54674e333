package dev.gatehouse.adapters.mail;

import dev.gatehouse.application.mail.port.out.MailDeliveryFailed;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.simplejavamail.mailer.MailValidationException;

/**
 * Turns what simple-java-mail and Angus Mail throw into {@link MailDeliveryFailed}.
 *
 * <p>simple-java-mail wraps every send failure in its {@code MailerException}, whose cause is Angus's
 * {@link MessagingException}. Angus reports an SMTP reply as {@link SMTPSendFailedException} (MAIL FROM,
 * DATA), {@link SMTPAddressFailedException} (RCPT TO, chained as the "next exception" of a
 * {@code SendFailedException}) or {@link SMTPSenderFailedException}; {@link MessagingException#getCause()}
 * returns that next exception, so one walk down the cause chain finds the first reply code.
 *
 * <ul>
 *   <li>a 5xx reply: permanent, the server refused this mail (550 no such mailbox, 554 rejected, ...);
 *       except 530, 534, 535 and 538 (authentication required, too weak, refused, needs encryption),
 *       which are our configuration, not the mail: transient, so mail waits until it is fixed</li>
 *   <li>a 4xx reply: transient</li>
 *   <li>no reply code (connection refused, unknown host, timeouts, TLS failures, a lost connection,
 *       refused credentials): transient</li>
 *   <li>simple-java-mail refusing the mail before connecting ({@link MailValidationException}): permanent</li>
 *   <li>anything else: transient, trying again is the safe side</li>
 * </ul>
 */
final class SmtpFailures {
    private static final int MAX_REASON_TEXT = 300;

    private SmtpFailures() {
    }

    static MailDeliveryFailed classify(Throwable failure) {
        ReplyCode reply = firstReplyCode(failure);
        if (reply != null) {
            boolean permanent = reply.code >= 500 && reply.code <= 599 && !isAuthentication(reply.code);
            return new MailDeliveryFailed(permanent, "SMTP server answered " + reply.text, failure);
        }
        MailValidationException refused = first(failure, MailValidationException.class);
        if (refused != null) {
            return new MailDeliveryFailed(true, "refused before sending: " + oneLine(refused.getMessage()), failure);
        }
        AuthenticationFailedException auth = first(failure, AuthenticationFailedException.class);
        if (auth != null) {
            return new MailDeliveryFailed(false, "SMTP server refused the credentials: " + oneLine(auth.getMessage()),
                    failure);
        }
        MessagingException messaging = first(failure, MessagingException.class);
        if (messaging != null) {
            Throwable root = root(failure);
            String reason = oneLine(messaging.getMessage());
            if (root != messaging) {
                reason += ": " + describe(root);
            }
            return new MailDeliveryFailed(false, reason, failure);
        }
        return new MailDeliveryFailed(false, "unexpected failure: " + describe(failure), failure);
    }

    /** RFC 4954 and RFC 3207 replies about our credentials or connection security. */
    private static boolean isAuthentication(int code) {
        return code == 530 || code == 534 || code == 535 || code == 538;
    }

    private record ReplyCode(int code, String text) {
    }

    private static ReplyCode firstReplyCode(Throwable failure) {
        ReplyCode[] found = new ReplyCode[1];
        walk(failure, t -> {
            if (found[0] != null) {
                return;
            }
            int code = switch (t) {
                case SMTPSendFailedException e -> e.getReturnCode();
                case SMTPAddressFailedException e -> e.getReturnCode();
                case SMTPSenderFailedException e -> e.getReturnCode();
                default -> -1;
            };
            if (code >= 100 && code <= 999) {
                String text = oneLine(t.getMessage());
                found[0] = new ReplyCode(code, text.startsWith(Integer.toString(code)) ? text : code + " " + text);
            }
        });
        return found[0];
    }

    private static <T extends Throwable> T first(Throwable failure, Class<T> type) {
        Object[] found = new Object[1];
        walk(failure, t -> {
            if (found[0] == null && type.isInstance(t)) {
                found[0] = t;
            }
        });
        return type.cast(found[0]);
    }

    private static Throwable root(Throwable failure) {
        Throwable[] last = new Throwable[1];
        walk(failure, t -> last[0] = t);
        return last[0];
    }

    /** Visits the failure and its causes, outermost first, once each (chains may loop). */
    private static void walk(Throwable failure, Consumer<Throwable> visitor) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            visitor.accept(t);
        }
    }

    /** Like Throwable#toString, which MessagingException overrides to follow its (possibly looping) chain. */
    private static String describe(Throwable t) {
        return oneLine(t.getMessage() == null ? t.getClass().getName() : t.getClass().getName() + ": " + t.getMessage());
    }

    /** Server text and exception messages on one line, bounded, without control characters. */
    static String oneLine(String text) {
        if (text == null || text.isBlank()) {
            return "(no details)";
        }
        String line = MailHeaders.plainText(text);
        return line.length() <= MAX_REASON_TEXT ? line : line.substring(0, MAX_REASON_TEXT) + "...";
    }
}
