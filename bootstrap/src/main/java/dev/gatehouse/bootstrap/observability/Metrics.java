package dev.gatehouse.bootstrap.observability;

import dev.gatehouse.adapters.crypto.BoundedPasswordHasher;
import dev.gatehouse.adapters.http.RequestObserver;
import dev.gatehouse.adapters.persistence.Database;
import dev.gatehouse.application.auth.port.in.AuthUseCases;
import dev.gatehouse.application.port.in.CacheStats;
import dev.gatehouse.application.port.out.AuditLog;
import java.time.InstantSource;
import java.util.function.Supplier;

/**
 * The server's metrics, wired here in bootstrap so that no other module knows the metrics library: the adapters and
 * the application hand over plain hooks and numbers ({@link RequestObserver}, {@link CacheStats}, the hashing pool's
 * stats, the outbox backlog), and the security events are counted by decorating the {@link AuditLog} port.
 * {@link #off()} (no {@code GATEHOUSE_MANAGEMENT_PORT}) keeps nothing and decorates nothing. The series:
 * docs/operations.md, "Metrics".
 */
public interface Metrics extends AutoCloseable {
    /** No registry: every decoration hands back what it got. */
    static Metrics off() {
        return NoMetrics.INSTANCE;
    }

    /** A Prometheus registry with the JVM's metrics bound; the rest is bound as the wiring goes. */
    static Metrics prometheus(InstantSource clock) {
        return new PrometheusMetrics(clock);
    }

    /** The audit log, counting security events (sign-ins, second steps, resets, rate-limit trips) as they are recorded. */
    AuditLog counting(AuditLog audit);

    /** The auth feature, counting sign-ins answered with a second step. */
    AuthUseCases counting(AuthUseCases auth);

    /** Times the public API's requests. */
    RequestObserver requests();

    /** The password-hashing pool: queue depth, waits, shed operations. */
    void watch(BoundedPasswordHasher hasher);

    /** The database: its connection pool and the mail outbox's backlog. */
    void watch(Database database);

    /**
     * The age of this process's view of revoked sessions: the time since the revocation feed was last read
     * successfully ({@code lastRead}). Past {@code GATEHOUSE_REVOCATION_STALENESS} the process refuses tokens
     * (ADR 0031).
     */
    void watchRevocationFeed(Supplier<java.time.Instant> lastRead);

    /** A cache's hits, misses and size, as {@code cache="name"}. */
    void watchCache(String name, Supplier<CacheStats> stats);

    /** The Prometheus text exposition of every series, for {@code GET /metrics} on the management port. */
    String scrape();

    @Override
    void close();
}
