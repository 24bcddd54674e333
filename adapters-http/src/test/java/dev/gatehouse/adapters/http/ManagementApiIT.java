package dev.gatehouse.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.fakes.FakeWorld;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The public API tells its {@link RequestObserver} about every request with bounded labels only (route templates,
 * one {@code UNMATCHED}), never serves {@code /metrics}; the management server serves the metrics text and the health
 * checks, and nothing else. Real sockets, the in-memory application.
 */
class ManagementApiIT {
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final String PASSWORD = "correct horse battery";

    record Answered(String method, String route, int status, long nanos) {
    }

    private static final List<Answered> observed = new CopyOnWriteArrayList<>();
    private static FakeWorld world;
    private static Javalin api;
    private static Javalin management;
    private static HttpClient client;

    @BeforeAll
    static void start() {
        world = new FakeWorld();
        world.newTenant("pk_metrics");
        TestServices services = TestServices.from(world.useCases);
        RequestContext http = services.context(HttpConfig.defaults().withClock(() -> world.clock.now()));
        api = HttpApi.create(http, services.endpoints(http),
                (method, route, status, nanos) -> observed.add(new Answered(method, route, status, nanos)))
                .start("127.0.0.1", 0);
        management = ManagementApi.create(world.useCases.readiness(),
                () -> "# TYPE gatehouse_example_total counter\ngatehouse_example_total 1.0\n").start("127.0.0.1", 0);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    @AfterAll
    static void stop() {
        api.stop();
        management.stop();
        client.close();
    }

    @Test
    void everyAnsweredRequestIsObservedByRouteTemplateMethodAndStatusNeverByRawPath() {
        String credentials = "{\"email\":\"observed@example.io\",\"password\":\"" + PASSWORD + "\"}";
        assertThat(send(api, "POST", "/register", credentials).statusCode()).isEqualTo(200);
        assertThat(send(api, "POST", "/login", credentials).statusCode()).isEqualTo(200);
        assertThat(send(api, "POST", "/login", credentials.replace(PASSWORD, "wrong horse battery")).statusCode())
                .isEqualTo(401);
        String user = java.util.UUID.randomUUID().toString();
        assertThat(send(api, "GET", "/v1/admin/users/" + user, null).statusCode()).isEqualTo(401);
        assertThat(send(api, "GET", "/no/such/" + user, null).statusCode()).isEqualTo(404);
        assertThat(send(api, "POST", "/health/live", "").statusCode()).isEqualTo(405);
        assertThat(send(api, "BREW", "/health/live", null).statusCode()).isIn(400, 404, 405, 501);

        assertThat(observed).extracting(a -> a.method() + " " + a.route() + " " + a.status()).contains(
                "POST /register 200", "POST /login 200", "POST /login 401", "GET /v1/admin/users/{id} 401",
                "GET UNMATCHED 404", "POST UNMATCHED 405");
        assertThat(observed).allSatisfy(answered -> {
            assertThat(answered.nanos()).isPositive();
            assertThat(answered.method()).isIn("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "OTHER");
            assertThat(UUID.matcher(answered.route()).find()).as(answered.route()).isFalse();
            assertThat(answered.route()).doesNotContain("@").satisfiesAnyOf(
                    route -> assertThat(route).startsWith("/"), route -> assertThat(route).isEqualTo("UNMATCHED"));
        });
    }

    @Test
    void metricsAreNeverServedOnThePublicPort() {
        for (String path : List.of("/metrics", "/metrics/", "/v1/metrics")) {
            assertThat(send(api, "GET", path, null).statusCode()).as(path).isEqualTo(404);
        }
    }

    @Test
    void theManagementPortServesThePrometheusTextAndTheHealthChecksAndNothingElse() {
        HttpResponse<String> metrics = send(management, "GET", "/metrics", null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).contains(ManagementApi.PROMETHEUS_TEXT);
        assertThat(metrics.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(metrics.body()).contains("gatehouse_example_total 1.0");

        assertThat(send(management, "GET", "/health/live", null).body()).isEqualTo("{\"status\":\"up\"}");
        assertThat(send(management, "GET", "/health/ready", null).statusCode()).isEqualTo(200);
        world.databaseHealthy = false;
        try {
            HttpResponse<String> down = send(management, "GET", "/health/ready", null);
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).isEqualTo("{\"status\":\"down\"}");
        } finally {
            world.databaseHealthy = true;
        }
        for (String path : List.of("/me", "/v1/me", "/login", "/v1/admin/users", "/openapi.json")) {
            assertThat(send(management, "GET", path, null).statusCode()).as(path).isEqualTo(404);
        }
    }

    private static HttpResponse<String> send(Javalin server, String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10)).header("SB-PUBLIC-KEY", "pk_metrics");
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
