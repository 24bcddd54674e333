package dev.gatehouse.bootstrap.observability;

import dev.gatehouse.adapters.crypto.BoundedPasswordHasher;
import dev.gatehouse.adapters.http.RequestObserver;
import dev.gatehouse.adapters.persistence.Database;
import dev.gatehouse.application.auth.port.in.AuthUseCases;
import dev.gatehouse.application.port.in.CacheStats;
import dev.gatehouse.application.port.out.AuditLog;
import java.util.function.Supplier;

/** Metrics off: nothing is counted, nothing decorated, no metrics class loaded. */
enum NoMetrics implements Metrics {
    INSTANCE;

    @Override
    public AuditLog counting(AuditLog audit) {
        return audit;
    }

    @Override
    public AuthUseCases counting(AuthUseCases auth) {
        return auth;
    }

    @Override
    public RequestObserver requests() {
        return RequestObserver.NONE;
    }

    @Override
    public void watch(BoundedPasswordHasher hasher) {
        // off
    }

    @Override
    public void watch(Database database) {
        // off
    }

    @Override
    public void watchRevocationFeed(Supplier<java.time.Instant> lastRead) {
        // off
    }

    @Override
    public void watchCache(String name, Supplier<CacheStats> stats) {
        // off
    }

    @Override
    public String scrape() {
        throw new IllegalStateException("metrics are off: set GATEHOUSE_MANAGEMENT_PORT");
    }

    @Override
    public void close() {
        // nothing held
    }
}
