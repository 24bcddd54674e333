package dev.gatehouse.application.fakes;

import dev.gatehouse.application.mail.port.out.MailOutbox;
import dev.gatehouse.domain.mail.OutboxMail;
import dev.gatehouse.domain.mail.OutboxMail.Status;
import dev.gatehouse.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** The outbox in memory; also what use-case tests read to see which mails a use case recorded. */
public final class InMemoryMailOutbox implements MailOutbox, InMemoryStore {
    private Map<UUID, OutboxMail> mails = new LinkedHashMap<>();

    @Override
    public synchronized void enqueue(OutboxMail mail) {
        if (mails.containsKey(mail.id())) {
            throw new IllegalStateException("duplicate outbox mail " + mail.id());
        }
        mails.put(mail.id(), mail);
    }

    @Override
    public synchronized List<OutboxMail> claimDue(Instant now, Duration lease, int limit) {
        List<OutboxMail> due = mails.values().stream()
                .filter(m -> m.status() == Status.PENDING && !m.nextAttemptAt().isAfter(now)
                        && (m.leaseUntil() == null || !m.leaseUntil().isAfter(now)))
                .sorted(Comparator.comparing(OutboxMail::nextAttemptAt).thenComparing(OutboxMail::createdAt))
                .limit(limit).toList();
        List<OutboxMail> claimed = new ArrayList<>();
        for (OutboxMail m : due) {
            OutboxMail leased = new OutboxMail(m.id(), m.tenant(), m.kind(), m.to(), m.fromAddress(), m.fromName(),
                    m.subject(), m.text(), m.html(), m.status(), m.attempts() + 1, m.createdAt(), m.nextAttemptAt(),
                    now.plus(lease), null, m.lastError());
            mails.put(m.id(), leased);
            claimed.add(leased);
        }
        return claimed;
    }

    @Override
    public synchronized boolean markSent(UUID id, int attempt, Instant now, boolean keepBody) {
        return finish(id, attempt, m -> copy(m, Status.SENT, keepBody, m.nextAttemptAt(), now, m.lastError()));
    }

    @Override
    public synchronized boolean markRetry(UUID id, int attempt, Instant nextAttemptAt, String error) {
        return finish(id, attempt, m -> copy(m, Status.PENDING, true, nextAttemptAt, null, error));
    }

    @Override
    public synchronized boolean markFailed(UUID id, int attempt, Instant now, String error, boolean keepBody) {
        return finish(id, attempt, m -> copy(m, Status.FAILED, keepBody, m.nextAttemptAt(), now, error));
    }

    private boolean finish(UUID id, int attempt, UnaryOperator<OutboxMail> change) {
        OutboxMail m = mails.get(id);
        if (m == null || m.status() != Status.PENDING || m.attempts() != attempt) {
            return false;
        }
        mails.put(id, change.apply(m));
        return true;
    }

    private static OutboxMail copy(OutboxMail m, Status status, boolean keepBody, Instant next, Instant finished,
                                   String error) {
        return new OutboxMail(m.id(), m.tenant(), m.kind(), m.to(), m.fromAddress(), m.fromName(),
                keepBody ? m.subject() : "", keepBody ? m.text() : "", keepBody ? m.html() : "", status, m.attempts(),
                m.createdAt(), next, null, finished, error);
    }

    @Override
    public synchronized int deleteFinishedBefore(Instant cutoff, int limit) {
        List<UUID> old = mails.values().stream()
                .filter(m -> m.status() != Status.PENDING && m.finishedAt() != null && m.finishedAt().isBefore(cutoff))
                .limit(limit).map(OutboxMail::id).toList();
        old.forEach(mails::remove);
        return old.size();
    }

    @Override
    public synchronized Optional<OutboxMail> find(UUID id) {
        return Optional.ofNullable(mails.get(id));
    }

    @Override
    public synchronized List<OutboxMail> findRecentTo(TenantId tenant, String to, int limit) {
        return mails.values().stream().filter(m -> m.tenant().equals(tenant) && m.to().equals(to))
                .sorted(Comparator.comparing(OutboxMail::createdAt).reversed()).limit(limit).toList();
    }

    /** Every mail recorded, oldest first. */
    public synchronized List<OutboxMail> all() {
        return List.copyOf(mails.values());
    }

    /** The newest mail to {@code to}, of any tenant. */
    public synchronized Optional<OutboxMail> latestTo(String to) {
        return mails.values().stream().filter(m -> m.to().equals(to)).reduce((a, b) -> b);
    }

    /** The fake's side of PersonalDataStore.eraseUser: every mail to the address. */
    public synchronized int removeAllTo(TenantId tenant, String to) {
        int before = mails.size();
        mails.values().removeIf(m -> m.tenant().equals(tenant) && m.to().equals(to));
        return before - mails.size();
    }

    @Override
    public synchronized Object snapshot() {
        return new LinkedHashMap<>(mails);
    }

    @SuppressWarnings("unchecked")
    @Override
    public synchronized void restore(Object snapshot) {
        mails = new LinkedHashMap<>((Map<UUID, OutboxMail>) snapshot);
    }
}
