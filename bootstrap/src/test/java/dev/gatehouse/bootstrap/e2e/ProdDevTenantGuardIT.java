package dev.gatehouse.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prod mode on a database that a dev-mode run seeded: refused however the dev tenant was changed since, here with
 * its published key {@code dev_memory_pk} revoked (which once slipped past a check that looked for a live key).
 */
class ProdDevTenantGuardIT {
    private static final Map<String, String> DEV_ROOT = Map.of("X-API-Key", ServerProcess.DEV_PUBLIC_KEY,
            "Authorization", "Bearer safe-to-use-in-dev-root-token");

    @TempDir
    Path dir;

    @Test
    void prodModeRefusesADatabaseHoldingTheDevTenantWhoseKeyWasRevoked() throws java.io.IOException {
        try (ServerProcess dev = ServerProcess.start(dir, Map.of())) {
            NativeClient client = new NativeClient(dev);
            String otherKey = NativeClient.json(client.post("/v1/admin/api-keys", DEV_ROOT,
                    "{\"type\":\"publishable\"}"), 201).get("key").asText();
            HttpResponse<String> revoked = client.delete("/v1/admin/api-keys/" + ServerProcess.DEV_PUBLIC_KEY,
                    Map.of("X-API-Key", otherKey, "Authorization", "Bearer safe-to-use-in-dev-root-token"));
            assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(204);
            assertThat(client.get("/v1/admin/api-keys", DEV_ROOT).statusCode())
                    .as("the revoked key names no tenant any more").isNotEqualTo(200);
        }

        // The master key the dev run generated: the refusal must come from the dev tenant, not from a key mismatch.
        String masterKey = java.nio.file.Files.readString(dir.resolve("master.key")).strip();
        assertThatThrownBy(() -> ServerProcess.start(dir, Map.of("GATEHOUSE_MODE", "prod",
                "GATEHOUSE_MASTER_KEY", masterKey, "GATEHOUSE_BCRYPT_COST", "10", "GATEHOUSE_MAIL_DISABLED", "true",
                "GATEHOUSE_HOST", "127.0.0.1")).close())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("prod mode refuses a database that contains the dev tenant")
                .hasMessageContaining("even with its keys revoked");
    }
}
