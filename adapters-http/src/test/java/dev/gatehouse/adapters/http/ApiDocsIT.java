package dev.gatehouse.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gatehouse.application.fakes.FakeWorld;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /openapi.json}, {@code GET /openapi.yaml} and {@code GET /docs} over HTTP: the document as built
 * into the jar with this server's URL in {@code servers}, a reference page that loads only same-origin files
 * under a strict Content-Security-Policy, and none of it when the API reference is switched off.
 */
class ApiDocsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theJsonDocumentIsTheRepositoryDocumentWithThisServerInServers() throws IOException {
        try (TestServer server = TestServer.start(new FakeWorld())) {
            HttpResponse<String> response = server.get("/openapi.json");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            JsonNode served = JSON.readTree(response.body());
            assertThat(served.path("servers").get(0).path("url").asText()).isEqualTo(server.base);

            ObjectNode expected = (ObjectNode) new YAMLMapper().readTree(OpenApiValidityTest.findDocument().toFile());
            ((ObjectNode) served).remove("servers");
            expected.remove("servers");
            assertThat(served).isEqualTo(expected);
        }
    }

    @Test
    void theYamlDocumentIsTheRepositoryTextWithOnlyTheServerUrlFilledIn() throws IOException {
        try (TestServer server = TestServer.start(new FakeWorld())) {
            HttpResponse<String> response = server.get("/openapi.yaml");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(contentType(response)).isEqualTo(ApiDocsController.YAML.replace(" ", ""));
            String repository = Files.readString(OpenApiValidityTest.findDocument());
            assertThat(response.body()).isEqualTo(repository.replace("\nservers:\n  - url: /\n",
                    "\nservers:\n  - url: '" + server.base + "'\n"));
            assertThat(OpenApiValidityTest.parse(response.body()).getMessages()).isEmpty();
        }
    }

    @Test
    void aConfiguredPublicUrlIsNamedAndAllowedForTryItOut() throws IOException {
        URI publicUrl = URI.create("https://auth.example.org/");
        try (TestServer server = TestServer.start(new FakeWorld(),
                config -> config.withApiDocs(new HttpConfig.ApiDocs(true, Optional.of(publicUrl))))) {
            JsonNode served = JSON.readTree(server.get("/openapi.json").body());
            assertThat(served.path("servers").get(0).path("url").asText()).isEqualTo("https://auth.example.org");
            assertThat(server.get("/openapi.yaml").body()).contains("\nservers:\n  - url: 'https://auth.example.org'\n");
            assertThat(server.get("/docs").headers().firstValue("Content-Security-Policy").orElseThrow())
                    .contains("connect-src 'self' https://auth.example.org;");
        }
    }

    @Test
    void aHostHeaderThatIsNotAPlainHostIsNotEchoed() {
        try (TestServer server = TestServer.start(new FakeWorld())) {
            String answer = server.raw("GET /openapi.json HTTP/1.1\r\nHost: x\"y<z>\r\nConnection: close\r\n\r\n");
            assertThat(answer).startsWith("HTTP/1.1 ");
            if (answer.startsWith("HTTP/1.1 200")) {
                assertThat(answer).contains("\"servers\":[{\"url\":\"/\"").doesNotContain("x\"y<z>");
            }
            String plain = server.raw("GET /openapi.json HTTP/1.1\r\nHost: docs.internal:8443\r\nConnection: close\r\n\r\n");
            assertThat(plain).startsWith("HTTP/1.1 200").contains("\"servers\":[{\"url\":\"http://docs.internal:8443\"");
        }
    }

    @Test
    void theReferencePageLoadsOnlySameOriginFilesUnderAStrictPolicy() {
        try (TestServer server = TestServer.start(new FakeWorld())) {
            HttpResponse<String> page = server.get("/docs");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(contentType(page)).isEqualTo("text/html;charset=utf-8");
            String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(policy).contains("default-src 'none'", "script-src 'self';", "style-src 'self';",
                    "connect-src 'self';", "frame-ancestors 'none'").doesNotContain("unsafe");
            assertThat(page.headers().allValues("Content-Security-Policy")).hasSize(1);

            List<String> scripts = attributes(page.body(), "script", "src");
            List<String> styles = attributes(page.body(), "link", "href");
            assertThat(scripts).containsExactly("/docs/swagger-ui-bundle.js", "/docs/gatehouse-docs.js");
            assertThat(page.body()).doesNotContainPattern("<script(?![^>]*\\ssrc=)").doesNotContain("<style", "style=");
            for (String file : concat(scripts, styles)) {
                HttpResponse<String> asset = server.get(file);
                assertThat(asset.statusCode()).as(file).isEqualTo(200);
                assertThat(asset.body()).as(file).isNotEmpty();
                assertThat(asset.headers().firstValue("Cache-Control")).as(file).hasValue("public, max-age=3600");
            }
            assertThat(contentType(server.get("/docs/swagger-ui-bundle.js"))).isEqualTo("text/javascript;charset=utf-8");
            assertThat(contentType(server.get("/docs/swagger-ui.css"))).isEqualTo("text/css;charset=utf-8");
            assertThat(server.get("/docs/gatehouse-docs.js").body()).contains("url: '/openapi.json'");
        }
    }

    @Test
    void otherFilesUnderDocsAreNotServed() {
        try (TestServer server = TestServer.start(new FakeWorld())) {
            for (String path : List.of("/docs/index.html", "/docs/swagger-ui.js", "/docs/..%2Fopenapi.json",
                    "/docs/pom.properties", "/docs/oauth2-redirect.html")) {
                HttpResponse<String> response = server.get(path);
                assertThat(response.statusCode()).as(path).isEqualTo(404);
                assertThat(contentType(response)).as(path).isEqualTo("text/plain;charset=utf-8");
            }
        }
    }

    @Test
    void switchedOffNoneOfItIsServed() {
        try (TestServer server = TestServer.start(new FakeWorld(), config -> config.withApiDocs(HttpConfig.ApiDocs.off()))) {
            for (String path : List.of("/openapi.json", "/openapi.yaml", "/docs", "/docs/swagger-ui-bundle.js")) {
                assertThat(server.get(path).statusCode()).as(path).isEqualTo(404);
            }
            assertThat(server.get("/health/live").statusCode()).isEqualTo(200);
        }
    }

    /** Jetty writes {@code ; charset} without the space. */
    private static String contentType(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").orElse("").replace(" ", "");
    }

    private static List<String> attributes(String html, String element, String attribute) {
        Matcher matcher = Pattern.compile("<" + element + "\\s[^>]*" + attribute + "=\"([^\"]+)\"").matcher(html);
        List<String> values = new java.util.ArrayList<>();
        while (matcher.find()) {
            values.add(matcher.group(1));
        }
        return values;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
