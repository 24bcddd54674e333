package dev.gatehouse.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gatehouse.application.fakes.FakeWorld;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/api/openapi.yaml documents exactly the routes HttpApi serves: every registered method and path is
 * documented, and every documented one is registered. Path parameters compare by position, not by name.
 * HEAD (added to every GET route) and OPTIONS (CORS preflight on every path) are not documented per route.
 */
class OpenApiDocumentTest {
    private static final String OPERATOR_TOKEN = "operator-token-for-the-route-table";
    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private static JsonNode document;
    private static Set<String> served;

    @BeforeAll
    static void load() throws IOException {
        Path file = findDocument();
        document = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        // with an operator token and in dev mode, so that the operator API and the dev mailbox are among the routes
        Map<String, Set<String>> table = TestServices.from(new FakeWorld().useCases).routeTable(
                HttpConfig.defaults().withOperatorToken(OPERATOR_TOKEN).withDevMode(true));
        served = new TreeSet<>();
        table.forEach((path, methods) -> methods.forEach(method -> served.add(route(method, path))));
    }

    @Test
    void routeTableAndDocumentAreBothNonEmptySoTheComparisonMeansSomething() {
        assertThat(served).hasSizeGreaterThanOrEqualTo(23).contains("POST /v1/auth/refresh", "DELETE /v1/me/sessions/{}",
                "GET /sudogettoken/{}", "PATCH /v1/account/users/{}", "GET /.well-known/jwks.json");
        assertThat(documented()).hasSizeGreaterThanOrEqualTo(23);
        assertThat(served).noneMatch(route -> route.startsWith("HEAD ") || route.startsWith("OPTIONS "));
    }

    @Test
    void theOperatorApiIsServedOnlyWithAnOperatorTokenAndTheRootRoutesAlways() {
        assertThat(served).contains("POST /v1/tenants", "GET /v1/tenants", "POST /v1/auth/introspect",
                "GET /v1/admin/users/{}/sessions", "DELETE /v1/admin/api-keys/{}");
        Map<String, Set<String>> withoutOperator = TestServices.from(new FakeWorld().useCases).routeTable(
                HttpConfig.defaults());
        assertThat(withoutOperator).doesNotContainKey("/v1/tenants").containsKeys("/v1/auth/introspect",
                "/v1/admin/api-keys", "/v1/admin/api-keys/{key}", "/v1/admin/users/{id}/sessions");
    }

    @Test
    void rootRoutesDocumentTheirScopeRefusalAndTheSecretKeyCredential() {
        for (String path : java.util.List.of("/v1/auth/introspect", "/v1/admin/users/{id}/sessions",
                "/v1/admin/api-keys", "/v1/admin/api-keys/{key}")) {
            document.path("paths").path(path).properties().forEach(operation -> {
                assertThat(operation.getValue().path("responses").has("403")).as(path).isTrue();
                assertThat(operation.getValue().path("security").toString()).as(path).contains("secretKey");
            });
        }
        assertThat(document.path("paths").path("/v1/auth/introspect").path("post").path("requestBody").path("content")
                .has("application/x-www-form-urlencoded")).isTrue();
        assertThat(texts(document.path("components").path("schemas").path("CreatedSecretKey").path("required")))
                .contains("secret");
        assertThat(document.path("components").path("schemas").path("ApiKeyList").toString()).doesNotContain("secret\"");
    }

    @Test
    void everyServedRouteIsDocumented() {
        assertThat(documented()).as("documented operations").containsAll(served);
    }

    @Test
    void everyDocumentedRouteIsServed() {
        assertThat(served).as("served routes").containsAll(documented());
    }

    @Test
    void refreshDocumentsTheConcurrentRotationConflictAndTokenResponsesCarryARefreshToken() {
        JsonNode refresh = document.path("paths").path("/v1/auth/refresh").path("post");
        assertThat(refresh.path("responses").has("409")).isTrue();
        assertThat(refresh.path("responses").has("401")).isTrue();
        JsonNode tokenResponse = document.path("components").path("schemas").path("TokenResponse");
        assertThat(texts(tokenResponse.path("required"))).contains("accessToken", "refreshToken", "tokenType", "expiresIn", "user");
        assertThat(texts(document.path("components").path("schemas").path("Session").path("required")))
                .containsExactlyInAnyOrder("id", "current", "createdAt", "lastUsedAt", "expiresAt", "ipAddress", "userAgent");
    }

    @Test
    void accountUserSchemasCarryWhatClientsReadAndTheLastPageSaysNull() {
        JsonNode schemas = document.path("components").path("schemas");
        assertThat(texts(schemas.path("CompatAccountUser").path("required")))
                .containsExactlyInAnyOrder("id", "userId", "accountId", "email", "role", "created");
        assertThat(texts(schemas.path("UserPage").path("required"))).containsExactlyInAnyOrder("users", "nextCursor");
        assertThat(texts(schemas.path("UserPage").path("properties").path("nextCursor").path("type")))
                .containsExactlyInAnyOrder("string", "null");
        assertThat(document.path("paths").path("/.well-known/jwks.json").path("get").path("security").isEmpty()).isTrue();
        assertThat(document.path("paths").path("/sudogettoken/{accountId}").path("get").path("responses").has("404")).isTrue();
    }

    private static Set<String> documented() {
        Set<String> routes = new TreeSet<>();
        document.path("paths").properties().forEach(path -> path.getValue().fieldNames().forEachRemaining(key -> {
            if (OPERATIONS.contains(key)) {
                routes.add(route(key, path.getKey()));
            }
        }));
        return routes;
    }

    /** {@code METHOD /path}, with every {@code {name}} segment written {@code {}}. */
    private static String route(String method, String path) {
        return method.toUpperCase(Locale.ROOT) + " " + path.replaceAll("\\{[^/}]*}", "{}");
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> values = new TreeSet<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    /** The document lives in the repository's docs/, above the module directory tests run in. */
    private static Path findDocument() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs/api/openapi.yaml");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("docs/api/openapi.yaml not found above " + Path.of("").toAbsolutePath());
    }
}
