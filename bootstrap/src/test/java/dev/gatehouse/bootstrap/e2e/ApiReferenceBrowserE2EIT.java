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
 * The jar's {@code /docs} in headless Chromium (Debian's chromium, driven by playwright-core from e2e/):
 * Swagger UI renders every operation of the served document under the page's strict CSP, with no request to
 * another origin and no console error; the screenshot is kept at bootstrap/target/api-reference.png.
 * Fails, never skips, without node or chromium ({@code .ci/run} installs both).
 */
@ResourceLock("e2e/node_modules")
class ApiReferenceBrowserE2EIT {
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    @TempDir
    Path dataDir;

    @BeforeAll
    static void installTheBrowserDriver() {
        assertThat(Files.isExecutable(CHROMIUM)).as("%s must be installed (apt-get install chromium; .ci/run does)",
                CHROMIUM).isTrue();
        NodeScripts.requirePackages("playwright-core");
    }

    @Test
    void theReferenceRendersEveryOperationFromThisOriginAlone() throws Exception {
        Path screenshot = ServerProcess.moduleDir().resolve("target/api-reference.png");
        Files.deleteIfExists(screenshot);
        try (ServerProcess server = ServerProcess.start(dataDir, Map.of())) {
            NodeScripts.Result browser = NodeScripts.run(List.of("node", "api-reference-screenshot.mjs"),
                    Duration.ofSeconds(120), Map.of("GATEHOUSE_BASE_URL", server.baseUri().toString(),
                            "SCREENSHOT", screenshot.toString(), "CHROMIUM", CHROMIUM.toString()));
            assertThat(browser.exitCode()).as("node api-reference-screenshot.mjs: %s", browser.output()).isZero();
            assertThat(browser.output()).contains("PASS api-reference", "title: Gatehouse");
        }
        assertThat(screenshot).isRegularFile();
        byte[] png = Files.readAllBytes(screenshot);
        assertThat(png.length).as("screenshot size").isGreaterThan(20_000);
        assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }
}
