package dev.gatehouse.bootstrap.e2e;

import org.junit.jupiter.api.parallel.Isolated;
import static dev.gatehouse.bootstrap.e2e.NativeClient.bearer;
import static dev.gatehouse.bootstrap.e2e.NativeClient.json;
import static dev.gatehouse.bootstrap.e2e.NativeClient.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.adapters.crypto.MasterKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secret keys and the operator API on the real server, two processes on one PostgreSQL database:
 * scopes are enforced, a revoked key fails on the other process within 2 seconds, and a tenant created
 * through the operator API works at once. The two processes serve both tests (each works on keys and a tenant of
 * its own), so that they start once.
 */
@Isolated("measures time or load, or stops a server: runs alone")
class ApiKeysAndOperatorIT {
    private static final String DEV_ROOT = "safe-to-use-in-dev-root-token";
    private static final String OPERATOR_TOKEN = "operator-" + MasterKey.generateBase64();
    private static final String PK = ServerProcess.DEV_PUBLIC_KEY;

    @TempDir
    static Path dirA;
    @TempDir
    static Path dirB;
    private static ServerProcess a;
    private static ServerProcess b;

    @BeforeAll
    static void start() {
        Map<String, String> env = ServerProcess.sharedPostgresEnvironment();
        env.put("GATEHOUSE_OPERATOR_TOKEN", OPERATOR_TOKEN);
        a = ServerProcess.start(dirA, env);
        b = ServerProcess.start(dirB, env);
    }

    @AfterAll
    static void stop() {
        ServerProcess.closeAll(a, b);
    }

    @Test
    void scopesAreEnforcedAndARevokedKeyFailsOnTheOtherProcessWithinTwoSeconds() throws Exception {
        NativeClient onA = new NativeClient(a);
        NativeClient onB = new NativeClient(b);
        JsonNode readOnly = json(onA.post("/v1/admin/api-keys", bearer(PK, DEV_ROOT),
                "{\"type\":\"secret\",\"name\":\"reports\",\"scopes\":[\"users:read\"]}"), 201);
        JsonNode admin = json(onA.post("/v1/admin/api-keys", bearer(PK, DEV_ROOT),
                "{\"type\":\"secret\",\"name\":\"ops\",\"scopes\":[\"keys:admin\"]}"), 201);
        Map<String, String> withReadOnly = Map.of("X-API-Key", readOnly.get("secret").asText());
        Map<String, String> withAdmin = Map.of("X-API-Key", admin.get("secret").asText());

        assertThat(onB.post("/v1/admin/api-keys", withReadOnly, "{\"type\":\"secret\"}").statusCode()).isEqualTo(403);
        JsonNode listing = json(onB.get("/v1/admin/api-keys", withAdmin), 200);
        assertThat(listing.toString()).doesNotContain(readOnly.get("secret").asText())
                .doesNotContain(admin.get("secret").asText());

        assertThat(onA.delete("/v1/admin/api-keys/" + admin.get("id").asText(), bearer(PK, DEV_ROOT)).statusCode())
                .isEqualTo(204);
        long revokedAt = System.nanoTime();
        assertThat(onB.answersWithin("/v1/admin/api-keys", withAdmin, 401, Duration.ofSeconds(2))).isTrue();
        assertThat((System.nanoTime() - revokedAt) / 1_000_000).isLessThan(2_000);
    }

    @Test
    void aTenantCreatedThroughTheOperatorApiWorksAtOnce() {
        NativeClient onA = new NativeClient(a);
        String body = "{\"name\":\"Initech\",\"ownerEmail\":\"owner@initech.io\"}";
        assertThat(onA.post("/v1/tenants", Map.of("Authorization", "Bearer wrong-" + OPERATOR_TOKEN), body)
                .statusCode()).isEqualTo(401);
        JsonNode created = json(onA.post("/v1/tenants", Map.of("Authorization", "Bearer " + OPERATOR_TOKEN), body),
                201);
        String publicKey = created.get("publicKey").asText();

        JsonNode signedIn = json(new NativeClient(b).post("/v1/auth/signin", tenant(publicKey),
                "{\"email\":\"owner@initech.io\",\"password\":\"" + created.get("ownerPassword").asText() + "\"}"), 200);
        assertThat(signedIn.get("user").get("role").asText()).isEqualTo("root");
        JsonNode keys = json(new NativeClient(b).get("/v1/admin/api-keys",
                bearer(publicKey, created.get("rootToken").asText())), 200);
        assertThat(keys.get("publishableKeys").toString()).contains(publicKey);
        assertThat(new NativeClient(b).get("/v1/admin/api-keys", bearer(PK, created.get("rootToken").asText()))
                .statusCode()).as("another tenant's root token").isEqualTo(401);
    }
}
