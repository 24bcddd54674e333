package dev.gatehouse.bootstrap.e2e;

import org.junit.jupiter.api.parallel.Isolated;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A burst of sign-ins far beyond what a one-thread hashing pool with a two-place queue can take: the
 * excess is refused at once with 503 and {@code Retry-After} (plain text on the compat route, a problem
 * on /v1), every request gets an answer (none times out), and token-only requests made meanwhile are
 * all served. No speed is asserted.
 */
@Isolated("measures time or load, or stops a server: runs alone")
class LoginFloodIT {
    private static final int LOGINS = 40;

    @TempDir
    Path dataDir;

    @Test
    void shedsExcessSignInsWithRetryAfterWhileTokenRoutesKeepAnswering() throws Exception {
        Map<String, String> environment = Map.of("GATEHOUSE_BCRYPT_COST", "10", "GATEHOUSE_HASH_THREADS", "1",
                "GATEHOUSE_HASH_QUEUE", "2");
        try (ServerProcess server = ServerProcess.start(dataDir, environment)) {
            CompatClient compat = new CompatClient(server);
            String email = CompatClient.uniqueEmail("flood");
            HttpResponse<String> registered = compat.register(email, "flood-password-1");
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
            String token = registered.body().replace("\"", "").strip();
            HttpRequest me = HttpRequest.newBuilder(server.uri("/me")).timeout(Duration.ofSeconds(60))
                    .header("SB-PUBLIC-KEY", ServerProcess.DEV_PUBLIC_KEY).header("Authorization", "Bearer " + token)
                    .GET().build();
            String signInBody = "{\"email\":\"" + email + "\",\"password\":\"flood-password-1\"}";

            CountDownLatch go = new CountDownLatch(1);
            AtomicBoolean flooding = new AtomicBoolean(true);
            List<HttpResponse<String>> logins = new ArrayList<>();
            List<Integer> meStatuses;
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<List<Integer>> meLoop = threads.submit(() -> {
                    List<Integer> statuses = new ArrayList<>();
                    go.await();
                    while (flooding.get() || statuses.isEmpty()) {
                        statuses.add(compat.send(me).statusCode());
                    }
                    return statuses;
                });
                List<Future<HttpResponse<String>>> futures = new ArrayList<>();
                for (int i = 0; i < LOGINS; i++) {
                    HttpRequest request = switch (i % 4) {
                        case 0 -> HttpRequest.newBuilder(server.uri("/v1/auth/signin")).timeout(Duration.ofSeconds(60))
                                .header("X-API-Key", ServerProcess.DEV_PUBLIC_KEY)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(signInBody)).build();
                        // unknown emails go through the same pool (the decoy hash): shed alike
                        case 1 -> compat.credentialsPost("/login", CompatClient.uniqueEmail("nobody"), "whatever-pw-1");
                        default -> compat.credentialsPost("/login", email, "flood-password-1");
                    };
                    futures.add(threads.submit(() -> {
                        go.await();
                        return compat.send(request);
                    }));
                }
                go.countDown();
                for (Future<HttpResponse<String>> future : futures) {
                    logins.add(future.get()); // the request's own 60 s timeout bounds this
                }
                flooding.set(false);
                meStatuses = meLoop.get();
            }

            Map<Integer, Long> statuses = logins.stream()
                    .collect(Collectors.groupingBy(HttpResponse::statusCode, TreeMap::new, Collectors.counting()));
            String details = "statuses " + statuses + "\n--- server output ---\n" + server.output();
            assertThat(statuses.keySet()).as(details).isSubsetOf(200, 401, 503);
            assertThat(statuses.get(503)).as(details).isNotNull().isPositive();
            assertThat(statuses.getOrDefault(200, 0L)).as(details).isPositive();
            for (HttpResponse<String> shed : logins.stream().filter(r -> r.statusCode() == 503).toList()) {
                String retryAfter = shed.headers().firstValue("Retry-After").orElse("");
                assertThat(retryAfter).as("Retry-After of a shed sign-in").matches("[1-9][0-9]*");
                if (shed.uri().getPath().startsWith("/v1/")) {
                    assertThat(shed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                    assertThat(shed.body()).contains("urn:gatehouse:problem:overloaded");
                } else {
                    assertThat(shed.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
                    assertThat(shed.body()).contains("busy");
                }
            }
            assertThat(meStatuses).as("GET /me during the flood").isNotEmpty().containsOnly(200);
        }
    }
}
