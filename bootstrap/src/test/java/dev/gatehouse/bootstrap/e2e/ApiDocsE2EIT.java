package dev.gatehouse.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.adapters.crypto.MasterKey;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jar serves its OpenAPI document and the browsable reference (webjar files included in the shaded
 * jar): always in dev mode, in prod mode unless GATEHOUSE_SERVE_API_DOCS=false.
 */
class ApiDocsE2EIT {
    @TempDir
    Path dir;

    @Test
    void devModeServesTheDocumentWithItsOwnUrlAndTheReference() {
        try (ServerProcess server = ServerProcess.start(dir, Map.of())) {
            NativeClient client = new NativeClient(server);
            JsonNode document = NativeClient.json(client.get("/openapi.json", Map.of()), 200);
            assertThat(document.path("openapi").asText()).isEqualTo("3.1.0");
            assertThat(document.path("servers").get(0).path("url").asText())
                    .isEqualTo(server.uri("/").toString().replaceAll("/$", ""));
            assertThat(document.path("paths").has("/v1/me")).isTrue();
            assertThat(client.get("/openapi.yaml", Map.of()).body()).startsWith("openapi: 3.1.0");
            assertThat(client.get("/docs", Map.of()).body()).contains("/docs/swagger-ui-bundle.js");
            HttpResponse<String> bundle = client.get("/docs/swagger-ui-bundle.js", Map.of());
            assertThat(bundle.statusCode()).isEqualTo(200);
            assertThat(bundle.body().length()).isGreaterThan(100_000);
            assertThat(client.get("/docs/swagger-ui.css", Map.of()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void prodModeServesItUnlessSwitchedOffAndNamesThePublicUrl() throws java.io.IOException {
        Map<String, String> prod = new HashMap<>(Map.of("GATEHOUSE_MODE", "prod",
                "GATEHOUSE_MASTER_KEY", MasterKey.generateBase64(), "GATEHOUSE_BCRYPT_COST", "10",
                "GATEHOUSE_HOST", "127.0.0.1", "GATEHOUSE_MAIL_DISABLED", "true",
                "GATEHOUSE_PUBLIC_URL", "https://auth.example.org"));
        try (ServerProcess server = ServerProcess.start(java.nio.file.Files.createDirectories(dir.resolve("on")), prod)) {
            NativeClient client = new NativeClient(server);
            JsonNode document = NativeClient.json(client.get("/openapi.json", Map.of()), 200);
            assertThat(document.path("servers").get(0).path("url").asText()).isEqualTo("https://auth.example.org");
            assertThat(client.get("/docs", Map.of()).statusCode()).isEqualTo(200);
        }
        prod.put("GATEHOUSE_SERVE_API_DOCS", "false");
        try (ServerProcess server = ServerProcess.start(java.nio.file.Files.createDirectories(dir.resolve("off")), prod)) {
            NativeClient client = new NativeClient(server);
            for (String path : new String[] {"/openapi.json", "/openapi.yaml", "/docs", "/docs/swagger-ui.css"}) {
                assertThat(client.get(path, Map.of()).statusCode()).as(path).isEqualTo(404);
            }
            assertThat(client.get("/health/live", Map.of()).statusCode()).isEqualTo(200);
        }
    }
}
