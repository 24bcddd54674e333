package dev.gatehouse.adapters.http;

import dev.gatehouse.application.port.in.CheckReadinessUseCase;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The management server: a second, separate listener for operators and their tools, never the public port. It
 * serves {@code GET /metrics} (Prometheus text exposition, from {@code metrics}) and the same {@code /health/live}
 * and {@code /health/ready} as the public API (which keeps them too); every other path is 404. It has no tenant,
 * no credentials and no CORS: keep its port off the public network (docs/operations.md).
 */
public final class ManagementApi {
    /** The Prometheus text format, version 0.0.4. */
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private ManagementApi() {
    }

    /** A configured Javalin, not started: the caller starts and stops it. */
    public static Javalin create(CheckReadinessUseCase readiness, Supplier<String> metrics) {
        Objects.requireNonNull(metrics, "metrics");
        HealthController health = new HealthController(readiness);
        return Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.startup.showOldJavalinVersionWarning = false;
            javalin.concurrency.useVirtualThreads = true;
            javalin.http.compressionStrategy = CompressionStrategy.NONE;
            javalin.routes.before(ctx -> ctx.header("X-Content-Type-Options", "nosniff")
                    .header("Cache-Control", "no-store"));
            javalin.routes.addHttpHandler(HandlerType.GET, "/metrics", ctx -> ctx.status(200)
                    .contentType(PROMETHEUS_TEXT).result(metrics.get().getBytes(StandardCharsets.UTF_8)));
            javalin.routes.addHttpHandler(HandlerType.GET, "/health/live", health::live);
            javalin.routes.addHttpHandler(HandlerType.GET, "/health/ready", health::ready);
        });
    }
}
