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
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One email, many simultaneous sign-ups: exactly one wins, the rest are told it is taken. Rate limits are on, as in
 * production, and raised for the dev tenant through its settings, so every request reaches the uniqueness check
 * (a blanket 429 cannot pass: the statuses must be exactly one 200 and 409s).
 */
@Isolated("measures time or load, or stops a server: runs alone")
class ConcurrentRegistrationIT {
    private static final int CONCURRENT_REQUESTS = 50;

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(Database.class)
    void exactlyOneOfManySimultaneousRegistrationsOfOneEmailSucceeds(Database database) throws Exception {
        Map<String, String> environment = new java.util.HashMap<>(database.serverEnvironment());
        environment.put("GATEHOUSE_RATE_LIMITS", "on");
        try (ServerProcess server = ServerProcess.start(dataDir, environment)) {
            HttpResponse<String> raised = new NativeClient(server).patch("/v1/admin/settings",
                    Map.of("SB-PUBLIC-KEY", ServerProcess.DEV_PUBLIC_KEY,
                            "Authorization", "Bearer safe-to-use-in-dev-root-token"),
                    "{\"rateLimits\":{\"signupPerIp\":{\"limit\":1000,\"windowSeconds\":3600}}}");
            assertThat(raised.statusCode()).as(raised.body()).isEqualTo(200);
            CompatClient client = new CompatClient(server);
            String email = CompatClient.uniqueEmail("concurrent");
            CountDownLatch go = new CountDownLatch(1);

            List<Attempt> attempts = new ArrayList<>();
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<Attempt>> futures = new ArrayList<>();
                for (int i = 0; i < CONCURRENT_REQUESTS; i++) {
                    String password = "concurrent-password-" + i;
                    var request = client.credentialsPost("/register", email, password);
                    futures.add(threads.submit(() -> {
                        go.await();
                        return new Attempt(password, client.send(request));
                    }));
                }
                go.countDown();
                for (Future<Attempt> future : futures) {
                    attempts.add(future.get());
                }
            }

            Map<Integer, Long> statuses = attempts.stream()
                    .collect(Collectors.groupingBy(a -> a.response().statusCode(), TreeMap::new, Collectors.counting()));
            String details = "statuses " + statuses + "; unexpected answers: " + attempts.stream()
                    .filter(a -> a.response().statusCode() != 200 && a.response().statusCode() != 409)
                    .map(a -> a.response().statusCode() + " " + a.response().body().strip())
                    .distinct().toList()
                    + "\n--- server output ---\n" + server.output();
            assertThat(statuses).as(details).isEqualTo(Map.of(200, 1L, 409, (long) CONCURRENT_REQUESTS - 1));

            Attempt winner = attempts.stream().filter(a -> a.response().statusCode() == 200).findFirst().orElseThrow();
            HttpResponse<String> login = client.login(email, winner.password());
            assertThat(login.statusCode()).as("the winner's password logs in: %s", login.body()).isEqualTo(200);
        }
    }

    private record Attempt(String password, HttpResponse<String> response) {
    }
}
