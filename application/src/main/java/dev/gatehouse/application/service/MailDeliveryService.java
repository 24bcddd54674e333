package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.DeliverMailUseCase;
import dev.gatehouse.application.port.out.Clock;
import dev.gatehouse.application.port.out.MailDeliveryFailed;
import dev.gatehouse.application.port.out.MailOutbox;
import dev.gatehouse.application.port.out.MailSender;
import dev.gatehouse.application.port.out.OutgoingMail;
import dev.gatehouse.domain.mail.MailDeliveryPolicy;
import dev.gatehouse.domain.mail.OutboxMail;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The outbox delivery worker. Each round claims due mails (the claim commits before anything is sent),
 * sends them one by one and records each outcome against the attempt it claimed:
 * <ul>
 *   <li>delivered: sent; subject and bodies are cleared unless bodies are kept (dev mode's mailbox)</li>
 *   <li>transient failure (unreachable, 4xx): pending again after the policy's backoff, but never later
 *       than the give-up time</li>
 *   <li>permanent failure (5xx): failed, reason recorded, bodies cleared</li>
 *   <li>claimed at or after the give-up time: failed without trying (its codes have expired)</li>
 * </ul>
 * A worker that dies between claim and report leaves the mail leased; once the lease ends another round
 * claims it again, so delivery is at least once, and every attempt carries the same Message-ID.
 */
final class MailDeliveryService implements DeliverMailUseCase {
    private static final int MAX_ERROR_LENGTH = 500;

    private final MailOutbox outbox;
    private final MailSender sender;
    private final Clock clock;
    private final MailDeliveryPolicy policy;
    private final Duration lease;
    private final int batchSize;
    private final boolean keepBodies;

    MailDeliveryService(MailOutbox outbox, MailSender sender, Clock clock, MailDeliveryPolicy policy, Duration lease,
                        int batchSize, boolean keepBodies) {
        this.outbox = outbox;
        this.sender = sender;
        this.clock = clock;
        this.policy = policy;
        this.lease = lease;
        this.batchSize = batchSize;
        this.keepBodies = keepBodies;
    }

    @Override
    public int deliverDue() {
        List<OutboxMail> claimed = outbox.claimDue(clock.now(), lease, batchSize);
        claimed.forEach(this::deliver);
        return claimed.size();
    }

    private void deliver(OutboxMail mail) {
        Instant giveUpAt = mail.createdAt().plus(policy.giveUpAfter());
        if (policy.givesUp(mail.createdAt(), clock.now())) {
            String reason = "gave up: not delivered within " + policy.giveUpAfter()
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
