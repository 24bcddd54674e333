package dev.gatehouse.bootstrap.e2e;

import org.junit.jupiter.api.parallel.Isolated;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 200 means the data is on disk: a crash right after the answer loses nothing (embedded H2). */
@Isolated("measures time or load, or stops a server: runs alone")
class DurabilityIT {

    @TempDir
    Path dataDir;

    @Test
    void registrationAnsweredBeforeACrashSurvivesTheRestart() {
        String email = CompatClient.uniqueEmail("durable");
        String password = "durable-password-1";

        // The text log format, as bin/dev runs the server: the ready line is read bare here, inside JSON elsewhere.
        Map<String, String> text = Map.of("GATEHOUSE_LOG_FORMAT", "text");
        try (ServerProcess server = ServerProcess.start(dataDir, text)) {
            HttpResponse<String> registered = new CompatClient(server).register(email, password);
            int exitCode = server.kill();

            assertThat(registered.statusCode()).as("register: %s", registered.body()).isEqualTo(200);
            assertThat(exitCode).as("SIGKILL, no graceful shutdown").isEqualTo(137);
        }

        try (ServerProcess restarted = ServerProcess.start(dataDir, text)) {
            HttpResponse<String> login = new CompatClient(restarted).login(email, password);

            assertThat(login.statusCode())
                    .as("login after the crash and restart: %s\n--- server output ---\n%s",
                            login.body(), restarted.output())
                    .isEqualTo(200);
            assertThat(login.body()).as("a token as a JSON string").startsWith("\"").endsWith("\"");
        }
    }
}
