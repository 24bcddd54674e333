package dev.gatehouse.bootstrap.observability;

import dev.gatehouse.adapters.http.RequestObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code http_server_requests_seconds{method, route, status}}: every request the public API answered, timed, with
 * buckets from 5 ms to 10 s. The HTTP adapter hands over bounded labels only (a route template or
 * {@code UNMATCHED}, a standard method or {@code OTHER}), so the series stay as many as the routes.
 */
final class HttpRequestTimers implements RequestObserver {
    static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final MeterRegistry registry;
    private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

    private record Key(String method, String route, int status) {
    }

    HttpRequestTimers(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void answered(String method, String route, int status, long nanos) {
        timers.computeIfAbsent(new Key(method, route, status), this::timer).record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(Key key) {
        return Timer.builder("http.server.requests")
                .description("Requests the public API answered, by route template, method and status")
                .tags("method", key.method(), "route", key.route(), "status", Integer.toString(key.status()))
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }
}
