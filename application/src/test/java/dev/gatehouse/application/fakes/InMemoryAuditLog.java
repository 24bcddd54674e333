package dev.gatehouse.application.fakes;

import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.audit.port.out.AuditTrail;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** The audit log in memory; rolled back with the fake unit of work like every other store. */
public final class InMemoryAuditLog implements AuditLog, AuditTrail, InMemoryStore {
    private static final Comparator<Entry> NEWEST_FIRST = Comparator
            .comparing((Entry e) -> e.position().time())
            .thenComparingLong(e -> e.position().sequence())
            .reversed();

    private List<Entry> entries = new ArrayList<>();
    private long nextSequence = 1;

    @Override
    public synchronized void record(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        entries.add(new Entry(new Position(event.time(), nextSequence++), event));
    }

    /** Every recorded event, oldest first: for tests. */
    public synchronized List<AuditEvent> events() {
        return entries.stream().map(Entry::event).toList();
    }

    /** The recorded events of one type, oldest first: for tests. */
    public synchronized List<AuditEvent> events(AuditEventType type) {
        return entries.stream().map(Entry::event).filter(e -> e.type() == type).toList();
    }

    @Override
    public synchronized List<Entry> find(Query query) {
        return entries.stream()
                .filter(e -> e.event().tenant().equals(query.tenant()))
                .filter(e -> query.user().map(u -> u.equals(e.event().actor()) || u.equals(e.event().subject()))
                        .orElse(true))
                .filter(e -> query.type().map(t -> t == e.event().type()).orElse(true))
                .filter(e -> query.from().map(f -> !e.position().time().isBefore(f)).orElse(true))
                .filter(e -> query.to().map(t -> e.position().time().isBefore(t)).orElse(true))
                .filter(e -> query.before().map(b -> NEWEST_FIRST.compare(e, new Entry(b, e.event())) > 0)
                        .orElse(true))
                .sorted(NEWEST_FIRST)
                .limit(query.limit())
                .toList();
    }

    @Override
    public synchronized int purgeOlderThan(Instant cutoff, int batchSize) {
        List<Entry> doomed = entries.stream().filter(e -> e.position().time().isBefore(cutoff))
                .sorted(NEWEST_FIRST.reversed()).limit(batchSize).toList();
        entries.removeAll(doomed);
        return doomed.size();
    }

    /** The fake's side of PersonalDataStore.eraseUser: drops every detail whose value is the address. */
    public synchronized int redact(dev.gatehouse.domain.tenant.TenantId tenant, String address) {
        int redacted = 0;
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            AuditEvent event = entry.event();
            if (event.tenant().equals(tenant) && event.details().containsValue(address)) {
                java.util.Map<String, String> kept = new java.util.TreeMap<>(event.details());
                kept.values().removeIf(address::equals);
                entries.set(i, new Entry(entry.position(), new AuditEvent(event.tenant(), event.type(), event.actor(),
                        event.subject(), event.clientIp(), event.userAgent(), event.time(), kept)));
                redacted++;
            }
        }
        return redacted;
    }

    @Override
    public synchronized Object snapshot() {
        return new ArrayList<>(entries);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        entries = new ArrayList<>((List<Entry>) snapshot);
    }
}
