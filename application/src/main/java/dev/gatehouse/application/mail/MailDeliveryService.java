package dev.gatehouse.application.mail;

import dev.gatehouse.application.mail.port.in.DeliverMailUseCase;
import dev.gatehouse.application.port.out.Clock;
import dev.gatehouse.application.mail.port.out.MailDeliveryFailed;
import dev.gatehouse.application.mail.port.out.MailOutbox;
import dev.gatehouse.application.mail.port.out.MailSender;
import dev.gatehouse.application.mail.port.out.OutgoingMail;
import dev.gatehouse.domain.mail.MailDeliveryPolicy;
import dev.gatehouse.domain.mail.OutboxMail;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import dev.gatehouse.domain.mail.MailKind;

/**
 * The outbox delivery worker. Each round claims due mails (the claim commits before anything is sent),
 * sends them one by one and records each outcome against the attempt it claimed:
 * <ul>
 *   <li>delivered: sent; subject and bodies are cleared unless bodies are kept (dev mode's mailbox)</li>
 *   <li>transient failure (unreachable, 4xx): pending again after the policy's backoff, but never later
 *       than the give-up time</li>
 *   <li>permanent failure (5xx): failed, reason recorded, bodies cleared</li>
 *   <li>claimed at or after the give-up time: failed without trying. The give-up time is the policy's, or,
 *       for a mail carrying a one-time code, the code's expiry when that comes first: a mail whose code
 *       no longer works is not worth sending, and its body (the code) is cleared</li>
 * </ul>
 * A worker that dies between claim and report leaves the mail leased; once the lease ends another round
 * claims it again, so delivery is at least once, and every attempt carries the same Message-ID. A worker told to
 * stop (a graceful shutdown) finishes the mail it is sending and releases the rest of its claim at once.
 */
record MailDeliveryService(MailOutbox outbox, MailSender sender, Clock clock, MailDeliveryPolicy policy, Duration lease,
                          int batchSize, boolean keepBodies, Map<MailKind, Duration> codeLifetimes)
        implements DeliverMailUseCase {
    private static final int MAX_ERROR_LENGTH = 500;

    /**
     * {@code codeLifetimes}: how long the code a mail of each kind carries stays valid; such a mail is given up once
     * its code has expired, if that is sooner than the policy's give-up time.
     */
    MailDeliveryService {
        codeLifetimes = Map.copyOf(codeLifetimes);
    }

    @Override
    public int deliverDue(BooleanSupplier stopping) {
        if (stopping.getAsBoolean()) {
            return 0;
        }
        List<OutboxMail> claimed = outbox.claimDue(clock.now(), lease, batchSize);
        for (int i = 0; i < claimed.size(); i++) {
            if (stopping.getAsBoolean()) {
                claimed.subList(i, claimed.size()).forEach(this::release);
                break;
            }
            deliver(claimed.get(i));
        }
        return claimed.size();
    }

    /**
     * Gives a claimed mail back without trying it: due now, lease ended, last error kept. The claim's attempt stays
     * counted (it only lengthens a later backoff a little); the give-up time does not depend on it.
     */
    private void release(OutboxMail mail) {
        outbox.markRetry(mail.id(), mail.attempts(), clock.now(), mail.lastError());
    }

    @Override
    public int purgeFinished() {
        return outbox.deleteFinishedBefore(clock.now().minus(RETENTION), PURGE_BATCH);
    }

    private void deliver(OutboxMail mail) {
        Duration limit = policy.giveUpAfter();
        Duration codeLifetime = codeLifetimes.get(mail.kind());
        boolean codeExpires = codeLifetime != null && codeLifetime.compareTo(limit) < 0;
        if (codeExpires) {
            limit = codeLifetime;
        }
        Instant giveUpAt = mail.createdAt().plus(limit);
        if (!clock.now().isBefore(giveUpAt)) {
            String reason = "gave up: not delivered within " + limit + (codeExpires ? " (its code has expired)" : "")
                    + (mail.lastError() == null ? "" : "; last error: " + mail.lastError());
            outbox.markFailed(mail.id(), mail.attempts(), clock.now(), bounded(reason), keepBodies);
            return;
        }
        try {
            sender.send(new OutgoingMail(mail.messageId(), mail.fromAddress(), mail.fromName(), mail.to(),
                    mail.subject(), mail.text(), mail.html()));
            outbox.markSent(mail.id(), mail.attempts(), clock.now(), keepBodies);
        } catch (MailDeliveryFailed e) {
            if (e.permanent()) {
                outbox.markFailed(mail.id(), mail.attempts(), clock.now(), bounded(e.getMessage()), keepBodies);
            } else {
                retry(mail, giveUpAt, e.getMessage());
            }
        } catch (RuntimeException e) {
            retry(mail, giveUpAt, "unexpected failure: " + e.getClass().getSimpleName());
        }
    }

    private void retry(OutboxMail mail, Instant giveUpAt, String reason) {
        Instant next = policy.nextAttempt(mail.attempts(), clock.now());
        outbox.markRetry(mail.id(), mail.attempts(), next.isAfter(giveUpAt) ? giveUpAt : next, bounded(reason));
    }

    private static String bounded(String reason) {
        String text = reason == null ? "(no details)" : reason;
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH) + "...";
    }
}
