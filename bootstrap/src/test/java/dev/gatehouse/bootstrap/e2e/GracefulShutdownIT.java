package dev.gatehouse.bootstrap.e2e;

import org.junit.jupiter.api.parallel.Isolated;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM lets requests in flight finish (and commit) before the server exits. */
@Isolated("measures time or load, or stops a server: runs alone")
class GracefulShutdownIT {
    /** Slow enough hashing that a registration is still in flight when SIGTERM arrives. */
    private static final String SLOW_BCRYPT_COST = "14";
    private static final String PASSWORD = "graceful-password-1";

    @TempDir
    Path dataDir;

    @Test
    void aRegistrationInFlightWhenSigtermArrivesIsAnsweredAndKept() throws Exception {
        String email = CompatClient.uniqueEmail("in-flight");

        try (ServerProcess server = ServerProcess.start(dataDir, Map.of("GATEHOUSE_BCRYPT_COST", SLOW_BCRYPT_COST));
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            CompatClient client = new CompatClient(server);
            long started = System.nanoTime();
            HttpResponse<String> calibration = client.register(CompatClient.uniqueEmail("calibration"), PASSWORD);
            Duration oneRegistration = Duration.ofNanos(System.nanoTime() - started);
            assertThat(calibration.statusCode()).as("register: %s", calibration.body()).isEqualTo(200);

            CompletableFuture<HttpResponse<String>> inFlight =
                    CompletableFuture.supplyAsync(() -> client.register(email, PASSWORD), threads);
            Thread.sleep(oneRegistration.dividedBy(3));
            assertThat(inFlight).as("still in flight after a third of %s ms (else this test proves nothing)",
                    oneRegistration.toMillis()).isNotDone();
            server.stop();

            HttpResponse<String> answer = inFlight.get(30, TimeUnit.SECONDS);
            assertThat(answer.statusCode())
                    .as("the in-flight registration: %s\n--- server output ---\n%s", answer.body(), server.output())
                    .isEqualTo(200);
        }

        try (ServerProcess restarted = ServerProcess.start(dataDir, Map.of())) {
            HttpResponse<String> login = new CompatClient(restarted).login(email, PASSWORD);
            assertThat(login.statusCode()).as("login after the restart: %s", login.body()).isEqualTo(200);
        }
    }
}
