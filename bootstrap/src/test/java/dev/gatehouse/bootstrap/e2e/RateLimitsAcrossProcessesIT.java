package dev.gatehouse.bootstrap.e2e;

import org.junit.jupiter.api.parallel.Isolated;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server processes on one PostgreSQL database, rate limits on (the production default), loopback trusted as a
 * proxy so that {@code X-Forwarded-For} stands for distinct clients: the limits are shared, sequential requests
 * alternating between the processes meet the threshold exactly, a concurrent burst spread over both lets exactly
 * the limit through, and the owner of a hammered account still signs in from their known address on either. The two
 * processes serve every test of the class: each test uses addresses and an account of its own, so that no limit one
 * test meets counts in another (the tenant-wide budget is far above the few hundred requests here).
 */
@Isolated("measures time or load, or stops a server: runs alone")
class RateLimitsAcrossProcessesIT {
    private static final String PK = ServerProcess.DEV_PUBLIC_KEY;
    private static final String PASSWORD = "correct horse battery";

    @TempDir
    static Path dirA;
    @TempDir
    static Path dirB;
    private static ServerProcess a;
    private static ServerProcess b;

    @BeforeAll
    static void startTwoProcessesOnOneDatabase() {
        Map<String, String> env = ServerProcess.sharedPostgresEnvironment();
        env.put("GATEHOUSE_RATE_LIMITS", "on");
        env.put("GATEHOUSE_TRUSTED_PROXIES", "127.0.0.1,::1");
        a = ServerProcess.start(dirA, env);
        b = ServerProcess.start(dirB, env);
    }

    @AfterAll
    static void stop() {
        ServerProcess.closeAll(a, b);
    }

    private static HttpResponse<String> post(ServerProcess server, String path, String email, String password,
                                             String from) {
        return new NativeClient(server).post(path, Map.of("SB-PUBLIC-KEY", PK, "X-Forwarded-For", from),
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    }

    @Test
    void failuresCountedOnEitherProcessMeetOneSharedThreshold() {
        String email = CompatClient.uniqueEmail("shared-limit");
        assertThat(post(a, "/v1/auth/signup", email, PASSWORD, "10.1.0.1").statusCode()).isEqualTo(201);
        for (int i = 1; i <= 10; i++) {
            ServerProcess server = i % 2 == 0 ? a : b;
            assertThat(post(server, "/login", email, "wrong password", "203.0.113.20").statusCode())
                    .as("failure %d, on process %s", i, i % 2 == 0 ? "A" : "B").isEqualTo(401);
        }
        for (ServerProcess server : List.of(a, b)) {
            HttpResponse<String> limited = post(server, "/v1/auth/signin", email, PASSWORD, "203.0.113.20");
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(
                    value -> assertThat(Long.parseLong(value)).isPositive());
            assertThat(limited.headers().firstValue("Content-Type")).contains("application/problem+json");
        }
        assertThat(post(b, "/v1/auth/signin", email, PASSWORD, "203.0.113.21").statusCode())
                .as("another address").isEqualTo(200);
    }

    @Test
    void aConcurrentBurstOverBothProcessesLetsExactlyTheLimitThrough() throws Exception {
        String email = CompatClient.uniqueEmail("burst");
        assertThat(post(a, "/v1/auth/signup", email, PASSWORD, "10.1.0.2").statusCode()).isEqualTo(201);
        int requests = 40;
        ExecutorService threads = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < requests; i++) {
                ServerProcess server = i % 2 == 0 ? a : b;
                answers.add(threads.submit(() -> {
                    start.await();
                    return post(server, "/login", email, "wrong password", "203.0.113.30");
                }));
            }
            start.countDown();
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(120, TimeUnit.SECONDS);
                statuses.merge(response.statusCode(), 1, Integer::sum);
                if (response.statusCode() == 429) {
                    assertThat(response.headers().firstValue("Retry-After")).isPresent();
                    assertThat(response.body()).isEqualTo("too many requests: try again later\n");
                }
            }
            // exactly 10 when the burst falls within one window; a burst that straddles a window boundary
            // (every 15 minutes) may see the earlier window's weight drop by a hair: at most one more
            assertThat(statuses.get(401)).as("checked passwords, " + statuses).isBetween(10, 11);
            assertThat(statuses.get(429)).as("refused, " + statuses).isEqualTo(requests - statuses.get(401));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void theOwnerSignsInFromTheirKnownAddressOnEitherProcessWhileTheAccountIsHammered() {
        String email = CompatClient.uniqueEmail("victim");
        assertThat(post(a, "/v1/auth/signup", email, PASSWORD, "192.0.2.80").statusCode()).isEqualTo(201);
        assertThat(post(a, "/v1/auth/signin", email, PASSWORD, "192.0.2.80").statusCode()).isEqualTo(200);

        Map<Integer, Integer> attacker = new TreeMap<>();
        for (int i = 0; i < 110; i++) {
            String from = "198.18." + (i / 5) + "." + (i % 5 + 1);
            attacker.merge(post(i % 2 == 0 ? a : b, "/v1/auth/signin", email, "guess-" + i, from).statusCode(), 1,
                    Integer::sum);
        }
        assertThat(attacker.get(429)).as("the account's cap across both processes, " + attacker).isGreaterThanOrEqualTo(10);
        assertThat(attacker.get(401)).as(attacker.toString()).isLessThanOrEqualTo(100);

        assertThat(post(b, "/v1/auth/signin", email, PASSWORD, "192.0.2.80").statusCode()).isEqualTo(200);
        assertThat(post(a, "/login", email, PASSWORD, "192.0.2.80").statusCode()).isEqualTo(200);
    }
}
