package dev.gatehouse.application.mail.port.out;

import dev.gatehouse.domain.mail.OutboxMail;
import dev.gatehouse.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Outgoing mail, stored until delivered. Use cases {@link #enqueue} inside their unit of work, so a rolled
 * back change sends nothing and a committed one loses nothing; the delivery worker claims due mails,
 * hands them to the {@link MailSender} after its claim has committed, and reports the outcome.
 *
 * <p>Claims are leases: a claimed mail is invisible to other claimers until its lease ends, and a mail
 * whose worker died mid-delivery is claimed again once the lease is over (at-least-once delivery). Each
 * claim raises {@link OutboxMail#attempts()}; a report names the attempt it belongs to and is ignored
 * (returns false) when the mail was claimed again since.
 */
public interface MailOutbox {

    /** Records a new pending mail in the caller's unit of work. */
    void enqueue(OutboxMail mail);

    /**
     * Claims up to {@code limit} pending mails that are due ({@code nextAttemptAt <= now}) and not under a
     * live lease, oldest first, leasing each until {@code now + lease}. Two claimers running at the same
     * time never both get the same mail. Commits on its own when called outside a unit of work.
     *
     * @return the claimed mails as they are after the claim (attempts raised, lease set)
     */
    List<OutboxMail> claimDue(Instant now, Duration lease, int limit);

    /** The mail was delivered; clears subject and bodies unless {@code keepBody}. */
    boolean markSent(UUID id, int attempt, Instant now, boolean keepBody);

    /** The attempt failed but may work later: pending again from {@code nextAttemptAt}, lease released. */
    boolean markRetry(UUID id, int attempt, Instant nextAttemptAt, String error);

    /** Given up for good; clears subject and bodies unless {@code keepBody}. */
    boolean markFailed(UUID id, int attempt, Instant now, String error, boolean keepBody);

    Optional<OutboxMail> find(UUID id);

    /** Deletes up to {@code limit} delivered or given-up mails finished before {@code cutoff}; returns how many. */
    int deleteFinishedBefore(Instant cutoff, int limit);

    /** The tenant's mails to one recipient address (compared as stored, lower case), newest first. */
    List<OutboxMail> findRecentTo(TenantId tenant, String to, int limit);
}
