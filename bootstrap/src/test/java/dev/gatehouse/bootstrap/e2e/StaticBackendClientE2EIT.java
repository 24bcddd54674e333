package dev.gatehouse.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * StaticBackend's real, unmodified JS client ({@code @staticbackend/js}, pinned in e2e/package.json)
 * runs e2e/staticbackend-client.mjs against the server: register, login, me, wrong password.
 * Fails, never skips, when node, npm or the package is missing: this is the compatibility promise.
 */
class StaticBackendClientE2EIT {
    private static final Path E2E_DIR = ServerProcess.moduleDir().resolveSibling("e2e");
    private static final Path CLIENT_PACKAGE = E2E_DIR.resolve("node_modules/@staticbackend/js/package.json");
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path dataDir;

    @BeforeAll
    static void installTheClientPackage() {
        Result node = run(List.of("node", "--version"), Duration.ofSeconds(30), Map.of());
        assertThat(node.exitCode()).as("node must be installed (Node 18+; .ci/run installs it): %s", node.output())
                .isZero();
        String pinned = version(E2E_DIR.resolve("package.json"), "\"@staticbackend/js\"\\s*:\\s*\"([^\"]+)\"");
        if (!Files.isRegularFile(CLIENT_PACKAGE)
                || !pinned.equals(version(CLIENT_PACKAGE, "\"version\"\\s*:\\s*\"([^\"]+)\""))) {
            Result npm = run(List.of("npm", "ci", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts"),
                    NPM_TIMEOUT, Map.of());
            assertThat(npm.exitCode()).as("npm ci in %s (needs npm, and the npm registry or its cache): %s",
                    E2E_DIR, npm.output()).isZero();
        }
        assertThat(version(CLIENT_PACKAGE, "\"version\"\\s*:\\s*\"([^\"]+)\""))
                .as("installed @staticbackend/js").isEqualTo(pinned);
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void theStaticBackendJsClientRegistersLogsInAndReadsItsUser(Database database) {
        try (ServerProcess server = ServerProcess.start(dataDir, database.serverEnvironment())) {
            Result script = run(List.of("node", "staticbackend-client.mjs"), SCRIPT_TIMEOUT, Map.of(
                    "GATEHOUSE_BASE_URL", server.baseUri().toString(),
                    "GATEHOUSE_PUBLIC_KEY", ServerProcess.DEV_PUBLIC_KEY));

            assertThat(script.exitCode())
                    .as("node staticbackend-client.mjs against %s on %s\n--- client output ---\n%s"
                            + "\n--- server output ---\n%s", server, database, script.output(), server.output())
                    .isZero();
            assertThat(script.output()).contains("PASS staticbackend-client");
        }
    }

    private record Result(int exitCode, String output) {
    }

    /** Runs a command in e2e/; a missing program is exit code 127, a timeout -1, never an exception. */
    private static Result run(List<String> command, Duration timeout, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(E2E_DIR.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Result(127, "cannot run " + command + ": " + e.getMessage());
        }
        try {
            process.getOutputStream().close();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            Thread reader = Thread.ofPlatform().daemon().start(() -> {
                try (InputStream in = process.getInputStream()) {
                    in.transferTo(output);
                } catch (IOException ignored) {
                    // the process is gone; what was read so far is kept
                }
            });
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            reader.join(Duration.ofSeconds(10));
            String text = output.toString(StandardCharsets.UTF_8);
            return exited ? new Result(process.exitValue(), text)
                    : new Result(-1, "timed out after " + timeout.toSeconds() + " s: " + command + "\n" + text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private static String version(Path file, String regex) {
        try {
            Matcher matcher = Pattern.compile(regex).matcher(Files.readString(file));
            assertThat(matcher.find()).as("%s in %s", regex, file).isTrue();
            return matcher.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
