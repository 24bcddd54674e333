package dev.gatehouse.bootstrap.e2e;

import org.junit.jupiter.api.parallel.ResourceLock;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TypeScript client generated at test time from the jar's own {@code GET /openapi.json} (openapi-typescript,
 * pinned in e2e/package.json), checked by tsc against e2e/gatehouse-openapi-client.mjs and run with
 * openapi-fetch: sign up, sign in, refresh, read /v1/me, a refused sign-in. Fails, never skips, without node.
 */
@ResourceLock("e2e/node_modules")
class GeneratedClientE2EIT {
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path dataDir;

    @BeforeAll
    static void installTheGenerator() {
        NodeScripts.requirePackages("openapi-typescript", "openapi-fetch", "typescript", "@types/node");
    }

    @Test
    void aClientGeneratedFromTheServedDocumentSignsUpSignsInRefreshesAndReadsMe() throws Exception {
        try (ServerProcess server = ServerProcess.start(dataDir, Map.of())) {
            Path generated = NodeScripts.E2E_DIR.resolve("generated/gatehouse-api.d.ts");
            Files.deleteIfExists(generated);
            NodeScripts.Result generate = NodeScripts.run(List.of("node", "node_modules/openapi-typescript/bin/cli.js",
                    server.uri("/openapi.json").toString(), "-o", "generated/gatehouse-api.d.ts"), STEP_TIMEOUT, Map.of());
            assertThat(generate.exitCode()).as("openapi-typescript: %s", generate.output()).isZero();
            assertThat(Files.readString(generated)).contains("\"/v1/auth/refresh\"", "signIn", "TokenResponse");

            NodeScripts.Result typeCheck = NodeScripts.run(List.of("node", "node_modules/typescript/bin/tsc", "--noEmit",
                    "--allowJs", "--checkJs", "--strict", "--module", "nodenext", "--moduleResolution", "nodenext",
                    "--target", "es2022", "--skipLibCheck", "--types", "node", "gatehouse-openapi-client.mjs"),
                    STEP_TIMEOUT, Map.of());
            assertThat(typeCheck.exitCode()).as("tsc against the generated types: %s", typeCheck.output()).isZero();

            NodeScripts.Result script = NodeScripts.run(List.of("node", "gatehouse-openapi-client.mjs"), STEP_TIMEOUT,
                    Map.of("GATEHOUSE_BASE_URL", server.baseUri().toString(),
                            "GATEHOUSE_PUBLIC_KEY", ServerProcess.DEV_PUBLIC_KEY));
            assertThat(script.exitCode()).as("node gatehouse-openapi-client.mjs against %s\n--- client output ---\n%s"
                    + "\n--- server output ---\n%s", server, script.output(), server.output()).isZero();
            assertThat(script.output()).contains("ok sign up", "ok sign in", "ok refresh", "ok read /v1/me",
                    "PASS gatehouse-openapi-client");
        }
    }
}
