package dev.gatehouse.bootstrap.observability;

import dev.gatehouse.adapters.persistence.OutboxBacklog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code gatehouse_mail_outbox_pending} and {@code gatehouse_mail_outbox_oldest_pending_age_seconds}: from one query
 * over the pending mails, run at most every {@link #REFRESH} and never on the scrape's thread (a scrape answers from
 * the last result at once, and starts a new query in the background when that one is older; so a scrape is never
 * slowed by the database, nor does a database outage make it hang). The age is counted to the scrape from the oldest
 * pending mail's creation; 0 when none is pending.
 */
final class OutboxBacklogGauges {
    static final Duration REFRESH = Duration.ofSeconds(15);
    private static final Logger LOG = LoggerFactory.getLogger(OutboxBacklogGauges.class);

    private final Supplier<OutboxBacklog> query;
    private final InstantSource clock;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile OutboxBacklog last = new OutboxBacklog(0, Optional.empty());
    private volatile long lastRefresh;

    OutboxBacklogGauges(Supplier<OutboxBacklog> query, InstantSource clock) {
        this.query = query;
        this.clock = clock;
    }

    void bindTo(MeterRegistry registry) {
        refresh(); // the first values at start, while the database is known to answer
        Gauge.builder("gatehouse.mail.outbox.pending", this, OutboxBacklogGauges::pending)
                .description("Mails waiting to be delivered (due, or waiting for a retry)")
                .register(registry);
        Gauge.builder("gatehouse.mail.outbox.oldest.pending.age", this, OutboxBacklogGauges::oldestAgeSeconds)
                .description("How long the oldest mail still waiting has waited, 0 when none")
                .baseUnit("seconds")
                .register(registry);
    }

    private double pending() {
        refreshIfStale();
        return last.pending();
    }

    private double oldestAgeSeconds() {
        refreshIfStale();
        return last.oldestPendingSince()
                .map(since -> Math.max(0, Duration.between(since, clock.instant()).toMillis() / 1000.0))
                .orElse(0.0);
    }

    private void refreshIfStale() {
        if (System.nanoTime() - lastRefresh >= REFRESH.toNanos() && refreshing.compareAndSet(false, true)) {
            Thread.ofVirtual().name("gatehouse-outbox-metrics").start(() -> {
                try {
                    refresh();
                } finally {
                    refreshing.set(false);
                }
            });
        }
    }

    private void refresh() {
        try {
            last = query.get();
        } catch (RuntimeException e) {
            LOG.debug("outbox backlog query failed (the metrics keep the last values): {}", e.toString());
        } finally {
            lastRefresh = System.nanoTime();
        }
    }
}
