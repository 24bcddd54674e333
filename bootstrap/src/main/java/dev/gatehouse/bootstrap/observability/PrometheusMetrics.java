package dev.gatehouse.bootstrap.observability;

import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.gatehouse.adapters.crypto.BoundedPasswordHasher;
import dev.gatehouse.adapters.http.RequestObserver;
import dev.gatehouse.adapters.persistence.Database;
import dev.gatehouse.application.auth.port.in.AuthUseCases;
import dev.gatehouse.application.port.in.CacheStats;
import dev.gatehouse.application.port.out.AuditLog;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** {@link Metrics} on a Prometheus registry. */
final class PrometheusMetrics implements Metrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final InstantSource clock;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final HttpRequestTimers requests;
    /** The objects the gauges and function counters read: the registry holds them only weakly. */
    private final List<Object> watched = new CopyOnWriteArrayList<>();

    PrometheusMetrics(InstantSource clock) {
        this.clock = clock;
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        this.requests = new HttpRequestTimers(registry);
    }

    @Override
    public AuditLog counting(AuditLog audit) {
        return new AuditEventCounters(audit, registry);
    }

    @Override
    public AuthUseCases counting(AuthUseCases auth) {
        return new CountingAuthUseCases(auth, registry.counter(AuditEventCounters.LOGINS, "outcome", "mfa_required",
                "reason", AuditEventCounters.NONE));
    }

    @Override
    public RequestObserver requests() {
        return requests;
    }

    @Override
    public void watch(BoundedPasswordHasher hasher) {
        watched.add(hasher);
        Gauge.builder("gatehouse.hash.pool.queue.depth", hasher, h -> h.stats().queued())
                .description("Password hashes and checks waiting for a thread of the hashing pool").register(registry);
        Gauge.builder("gatehouse.hash.pool.queue.capacity", hasher, h -> h.stats().queueCapacity())
                .description("Places in the hashing pool's queue; a sign-in finding none is shed (503)").register(registry);
        Gauge.builder("gatehouse.hash.pool.threads", hasher, h -> h.stats().threads())
                .description("Threads of the hashing pool").register(registry);
        FunctionCounter.builder("gatehouse.hash.pool.shed", hasher, h -> h.stats().shedQueueFull())
                .tag("cause", "queue_full").description("Operations refused (503) by the hashing pool").register(registry);
        FunctionCounter.builder("gatehouse.hash.pool.shed", hasher, h -> h.stats().shedWaitedTooLong())
                .tag("cause", "waited_too_long").description("Operations refused (503) by the hashing pool")
                .register(registry);
        FunctionCounter.builder("gatehouse.hash.pool.completed", hasher, h -> h.stats().completed())
                .description("Password hashes and checks done").register(registry);
        Timer waits = Timer.builder("gatehouse.hash.pool.wait")
                .description("How long each hash or check waited for a thread (shed ones included)")
                .serviceLevelObjectives(HttpRequestTimers.BUCKETS).register(registry);
        hasher.observeWaits(nanos -> waits.record(nanos, TimeUnit.NANOSECONDS));
    }

    @Override
    public void watch(Database database) {
        database.trackPool(new MicrometerMetricsTrackerFactory(registry));
        OutboxBacklogGauges outbox = new OutboxBacklogGauges(database::outboxBacklog, clock);
        watched.add(outbox);
        outbox.bindTo(registry);
    }

    @Override
    public void watchRevocationFeed(Supplier<java.time.Instant> lastRead) {
        watched.add(lastRead);
        Gauge.builder("gatehouse.revocation.feed.age", lastRead,
                        read -> java.time.Duration.between(read.get(), clock.instant()).toMillis() / 1000.0)
                .baseUnit("seconds")
                .description("Time since the revocation feed was last read; past the staleness bound (15 s by default)"
                        + " token-only requests are answered 503")
                .register(registry);
    }

    @Override
    public void watchCache(String name, Supplier<CacheStats> stats) {
        watched.add(stats);
        FunctionCounter.builder("gatehouse.cache.requests", stats, s -> s.get().hits())
                .tags("cache", name, "result", "hit").description("Cache look-ups, by result").register(registry);
        FunctionCounter.builder("gatehouse.cache.requests", stats, s -> s.get().misses())
                .tags("cache", name, "result", "miss").description("Cache look-ups, by result").register(registry);
        Gauge.builder("gatehouse.cache.size", stats, s -> s.get().size())
                .tag("cache", name).description("Entries held by the cache").register(registry);
    }

    @Override
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
