package dev.gatehouse.bootstrap.e2e;

import static dev.gatehouse.bootstrap.e2e.NativeClient.bearer;
import static dev.gatehouse.bootstrap.e2e.NativeClient.json;
import static dev.gatehouse.bootstrap.e2e.NativeClient.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jlink runtime image of {@code bin/runtime-image} runs the server: the script builds the image into
 * {@code bootstrap/target/runtime} (once; a later run reuses it while the JDK and the module list are the same, since
 * the image does not depend on the jar), then the jar is started with the image's {@code bin/java} in dev mode on H2,
 * and a user signs up and signs in over HTTP. The container image's health check script is tried on it too.
 */
class RuntimeImageIT {
    private static final String PK = ServerProcess.DEV_PUBLIC_KEY;
    private static final long SCRIPT_TIMEOUT_SECONDS = 300;

    @TempDir
    static Path dataDir;
    private static Path runtime;
    private static ServerProcess server;

    @BeforeAll
    static void buildTheImageAndStartTheServerOnIt() throws Exception {
        Path repository = ServerProcess.moduleDir().getParent();
        runtime = ServerProcess.moduleDir().resolve("target/runtime");
        long buildStart = System.nanoTime();
        Run script = run(repository, Map.of(), "bash", repository.resolve("bin/runtime-image").toString(),
                "--output", runtime.toString());
        assertThat(script.exitCode()).as("bin/runtime-image:\n%s", script.output()).isZero();
        System.out.printf("RuntimeImageIT: bin/runtime-image took %d ms: %s%n",
                (System.nanoTime() - buildStart) / 1_000_000, script.output().strip());

        // The image's own class-data archive, apart from the test JDK's; a rebuilt image makes it useless.
        Path archive = ServerProcess.serverJar().resolveSibling("gatehouse-runtime.jsa");
        if (Files.exists(archive) && Files.getLastModifiedTime(archive)
                .compareTo(Files.getLastModifiedTime(runtime.resolve("gatehouse-runtime.stamp"))) < 0) {
            Files.delete(archive);
        }
        long start = System.nanoTime();
        server = ServerProcess.startOn(runtime.resolve("bin/java"), archive.getFileName().toString(), dataDir, Map.of());
        System.out.printf("RuntimeImageIT: ready on the runtime image in %d ms%n", (System.nanoTime() - start) / 1_000_000);
    }

    @AfterAll
    static void stop() {
        ServerProcess.closeAll(server);
    }

    @Test
    void theImageHoldsOnlyTheModulesTheScriptNames() throws IOException {
        String release = Files.readString(runtime.resolve("release"), StandardCharsets.UTF_8);
        String modules = release.lines().filter(line -> line.startsWith("MODULES="))
                .findFirst().orElseThrow().replace("MODULES=", "").replace("\"", "");

        assertThat(Arrays.asList(modules.split(" ")))
                .contains("java.base", "java.sql", "java.naming", "java.management", "java.security.jgss")
                .doesNotContain("java.desktop", "java.compiler", "jdk.compiler", "java.scripting", "java.rmi")
                .hasSizeLessThanOrEqualTo(12);
        assertThat(runtime.resolve("lib/server/classes.jsa")).as("the base class-data archive").exists();
    }

    @Test
    void aUserSignsUpAndSignsInOnTheServerRunningOnTheImage() {
        NativeClient client = new NativeClient(server);
        String email = CompatClient.uniqueEmail("runtime-image");
        String credentials = "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}";

        json(client.post("/v1/auth/signup", tenant(PK), credentials), 201);
        JsonNode signedIn = json(client.post("/v1/auth/signin", tenant(PK), credentials), 200);
        JsonNode me = json(client.get("/v1/me", bearer(PK, signedIn.get("accessToken").asText())), 200);
        assertThat(me.toString()).contains(email);
        assertThat(client.get("/health/ready", Map.of()).statusCode()).isEqualTo(200);
        // Resources read from the jar (the OpenAPI document, Swagger UI's files): nothing of the JDK is missing there.
        assertThat(client.get("/openapi.json", Map.of()).statusCode()).isEqualTo(200);
        assertThat(client.get("/docs/swagger-ui-bundle.js", Map.of()).statusCode()).isEqualTo(200);
        assertThat(server.output()).doesNotContain("NoClassDefFoundError", "ClassNotFoundException");
    }

    @Test
    void theContainerHealthCheckPassesOnTheReadyServerAndFailsOnAClosedPort() throws Exception {
        Path check = ServerProcess.moduleDir().getParent().resolve("deploy/container/healthcheck");
        String port = String.valueOf(server.baseUri().getPort());

        Run ready = run(dataDir, Map.of("GATEHOUSE_PORT", port), "bash", check.toString());
        Run closed = run(dataDir, Map.of("GATEHOUSE_PORT", "1"), "bash", check.toString());

        assertThat(ready.exitCode()).as(ready.output()).isZero();
        assertThat(closed.exitCode()).as(closed.output()).isEqualTo(1);
    }

    private record Run(int exitCode, String output) {
    }

    private static Run run(Path directory, Map<String, String> environment, String... command) throws Exception {
        Path log = Files.createTempFile("runtime-image-it-", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + SCRIPT_TIMEOUT_SECONDS
                        + " s:\n" + Files.readString(log));
            }
            return new Run(process.exitValue(), Files.readString(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
