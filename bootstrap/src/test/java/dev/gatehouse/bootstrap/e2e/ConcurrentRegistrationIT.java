package dev.gatehouse.bootstrap.e2e;

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

/** One email, many simultaneous sign-ups: exactly one wins, the rest are told it is taken. */
class ConcurrentRegistrationIT {
    private static final int CONCURRENT_REQUESTS = 50;

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(Database.class)
    void exactlyOneOfManySimultaneousRegistrationsOfOneEmailSucceeds(Database database) throws Exception {
        try (ServerProcess server = ServerProcess.start(dataDir, database.serverEnvironment())) {
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
