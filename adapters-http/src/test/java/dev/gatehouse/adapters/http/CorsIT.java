package dev.gatehouse.adapters.http;

import static dev.gatehouse.adapters.http.CompatApiIT.credentials;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.fakes.FakeWorld;
import dev.gatehouse.domain.policy.PasswordPolicy;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.tenant.TenantSettings;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Browser apps call the API directly: CORS per tenant, preflights without one. */
class CorsIT {
    private static final String APP = "https://app.example.com";
    private static final String OTHER = "https://evil.example.net";

    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Tenants that list origins explicitly, and one that allows none; nobody allows any origin. */
    private void startWithoutWildcardTenant() {
        FakeWorld world = new FakeWorld();
        tenant(world, "pk_listed", Set.of(APP));
        tenant(world, "pk_closed", Set.of());
        server = TestServer.start(world);
    }

    private void startWithWildcardTenant() {
        FakeWorld world = new FakeWorld();
        tenant(world, "pk_listed", Set.of(APP));
        tenant(world, "pk_closed", Set.of());
        world.newTenant("pk_any"); // allows '*'
        server = TestServer.start(world);
    }

    @Test
    void preflightWithSbpkAllowsAnOriginThatTenantListsWithCredentials() {
        startWithoutWildcardTenant();
        HttpResponse<String> response = preflight("/login?sbpk=pk_listed", APP);
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(header(response, "Access-Control-Allow-Origin")).isEqualTo(APP);
        assertThat(header(response, "Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(header(response, "Access-Control-Allow-Methods")).isEqualTo("GET, POST, PUT, PATCH, DELETE, OPTIONS");
        assertThat(header(response, "Access-Control-Allow-Headers"))
                .isEqualTo("Content-Type, Authorization, SB-PUBLIC-KEY, X-API-Key, X-Request-Id");
        assertThat(header(response, "Vary")).contains("Origin");
    }

    @Test
    void preflightWithSbpkFollowsOnlyThatTenant() {
        startWithWildcardTenant();
        assertNoCorsHeaders(preflight("/login?sbpk=pk_closed", APP));
        assertNoCorsHeaders(preflight("/login?sbpk=pk_listed", OTHER));
        assertNoCorsHeaders(preflight("/login?sbpk=pk_unknown", APP));
    }

    @Test
    void preflightWithoutSbpkIsAnsweredFromTheUnionOfAllTenantsOrigins() {
        startWithoutWildcardTenant();
        HttpResponse<String> listed = preflight("/register", APP);
        assertThat(listed.statusCode()).isEqualTo(204);
        assertThat(header(listed, "Access-Control-Allow-Origin")).isEqualTo(APP);

        HttpResponse<String> unlisted = preflight("/register", OTHER);
        assertThat(unlisted.statusCode()).isEqualTo(204);
        assertNoCorsHeaders(unlisted);
    }

    @Test
    void preflightWithoutSbpkAllowsAnyOriginWithoutCredentialsWhenSomeTenantAllowsAny() {
        startWithWildcardTenant();
        HttpResponse<String> response = preflight("/v1/auth/signin", OTHER);
        assertThat(header(response, "Access-Control-Allow-Origin")).isEqualTo(OTHER);
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void preflightOfAnUnknownPathIs404() {
        startWithWildcardTenant();
        assertThat(preflight("/nowhere", APP).statusCode()).isEqualTo(404);
    }

    @Test
    void actualResponseFollowsTheSelectedTenantsList() {
        startWithWildcardTenant();
        HttpResponse<String> listed = server.postJson("/register", credentials("c@example.io", "correct horse"),
                "SB-PUBLIC-KEY", "pk_listed", "Origin", APP);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(header(listed, "Access-Control-Allow-Origin")).isEqualTo(APP);
        assertThat(header(listed, "Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(header(listed, "Access-Control-Expose-Headers")).isEqualTo("X-Request-Id, X-Gatehouse-List-Truncated");
        assertThat(header(listed, "Vary")).contains("Origin");

        assertNoCorsHeaders(server.postJson("/register", credentials("d@example.io", "correct horse"),
                "SB-PUBLIC-KEY", "pk_listed", "Origin", OTHER));
        assertNoCorsHeaders(server.postJson("/register", credentials("e@example.io", "correct horse"),
                "SB-PUBLIC-KEY", "pk_closed", "Origin", APP));
    }

    @Test
    void wildcardTenantEchoesTheOriginWithoutCredentials() {
        startWithWildcardTenant();
        HttpResponse<String> response = server.get("/me", "SB-PUBLIC-KEY", "pk_any", "Origin", OTHER);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(header(response, "Access-Control-Allow-Origin")).isEqualTo(OTHER);
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void errorsAfterTheTenantIsKnownStayReadableByTheBrowser() {
        startWithWildcardTenant();
        HttpResponse<String> response = server.postJson("/login", credentials("nobody@example.io", "whatever1"),
                "SB-PUBLIC-KEY", "pk_listed", "Origin", APP);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(header(response, "Access-Control-Allow-Origin")).isEqualTo(APP);
    }

    @Test
    void malformedOriginIsNeverEchoed() {
        startWithWildcardTenant();
        assertNoCorsHeaders(server.get("/me", "SB-PUBLIC-KEY", "pk_any", "Origin", "https://a.example/path?x"));
        assertNoCorsHeaders(server.get("/me", "SB-PUBLIC-KEY", "pk_any", "Origin", "*"));
    }

    private HttpResponse<String> preflight(String path, String origin) {
        return server.send(server.request(path).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type, sb-public-key"));
    }

    private static void assertNoCorsHeaders(HttpResponse<String> response) {
        assertThat(response.headers().map().keySet())
                .noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
    }

    private static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name + " header"));
    }

    private static void tenant(FakeWorld world, String publicKey, Set<String> origins) {
        world.tenants.insert(Tenant.create(new TenantId(UUID.randomUUID()), "Tenant " + publicKey, publicKey,
                new TenantSettings(origins, PasswordPolicy.DEFAULT), world.clock.now()));
    }
}
