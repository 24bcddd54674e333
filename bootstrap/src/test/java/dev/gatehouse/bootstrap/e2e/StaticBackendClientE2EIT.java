package dev.gatehouse.bootstrap.e2e;

import org.junit.jupiter.api.parallel.ResourceLock;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * StaticBackend's real, unmodified JS client ({@code @staticbackend/js}, pinned in e2e/package.json)
 * runs e2e/staticbackend-client.mjs against the server: register, login, me, wrong password.
 * Fails, never skips, when node, npm or the package is missing: this is the compatibility promise.
 */
@ResourceLock("e2e/node_modules")
class StaticBackendClientE2EIT {
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path dataDir;

    @BeforeAll
    static void installTheClientPackage() {
        NodeScripts.requirePackages("@staticbackend/js");
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void theStaticBackendJsClientRegistersLogsInAndReadsItsUser(Database database) {
        try (ServerProcess server = ServerProcess.start(dataDir, database.serverEnvironment())) {
            NodeScripts.Result script = NodeScripts.run(List.of("node", "staticbackend-client.mjs"), SCRIPT_TIMEOUT, Map.of(
                    "GATEHOUSE_BASE_URL", server.baseUri().toString(),
                    "GATEHOUSE_PUBLIC_KEY", ServerProcess.DEV_PUBLIC_KEY));

            assertThat(script.exitCode())
                    .as("node staticbackend-client.mjs against %s on %s\n--- client output ---\n%s"
                            + "\n--- server output ---\n%s", server, database, script.output(), server.output())
                    .isZero();
            assertThat(script.output()).contains("PASS staticbackend-client");
        }
    }
}
