package dev.gatehouse.adapters.http;

import static dev.gatehouse.adapters.http.AccountCalls.json;
import static dev.gatehouse.adapters.http.CompatApiIT.fieldNames;
import static dev.gatehouse.adapters.http.ErrorShape.problem;
import static dev.gatehouse.adapters.http.RootCalls.rootToken;
import static dev.gatehouse.adapters.http.RootCalls.secretKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.adapters.http.RootCalls.Credential;
import dev.gatehouse.application.fakes.FakeWorld;
import dev.gatehouse.application.tenants.port.in.ProvisionTenantUseCase;
import dev.gatehouse.application.fakes.AllFeatures;
import dev.gatehouse.application.support.Settings;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /v1/admin/api-keys}: making, listing and revoking keys, with the root token and with secret keys. */
class ApiKeysApiIT {
    private static final List<String> ALL_SCOPES = List.of("users:read", "users:write", "sessions:admin",
            "tokens:introspect", "keys:admin", "settings:admin", "audit:read");

    private TestServer server;
    private RootCalls calls;
    private ProvisionTenantUseCase.Provisioned tenant;
    private Credential root;

    @BeforeEach
    void start() {
        // no tenant cache, so that a revoked publishable key stops selecting its tenant at once
        server = TestServer.start(new FakeWorld(Settings.DEFAULT.withTenantCacheTtl(Duration.ZERO)));
        calls = new RootCalls(server);
        tenant = calls.provision("owner@example.io");
        root = rootToken(tenant.tenant().publicKey(), tenant.rootToken());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theRootTokenMakesASecretKeyWithEveryScopeByDefaultAndItsSecretIsShownOnlyThen() {
        HttpResponse<String> created = calls.createKey(root, "{\"type\":\"secret\",\"name\":\" billing \"}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().allValues("Content-Type")).containsExactly("application/json");
        assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode key = json(created.body());
        assertThat(fieldNames(key)).containsExactly("id", "name", "prefix", "scopes", "created", "secret");
        String secret = key.get("secret").asText();
        assertThat(secret).startsWith("sk_");
        assertThat(key.get("name").asText()).isEqualTo("billing");
        assertThat(key.get("prefix").asText()).isEqualTo(secret.substring(0, 10));
        assertThat(texts(key.get("scopes"))).containsExactlyElementsOf(ALL_SCOPES);
        assertThat(key.get("created").asText()).isEqualTo("2026-01-01T00:00:00Z");

        HttpResponse<String> listed = calls.listKeys(root);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain(secret).doesNotContain(secret.substring(10))
                .doesNotContain("\"secret\"");
        JsonNode listing = json(listed.body());
        assertThat(fieldNames(listing)).containsExactly("publishableKeys", "secretKeys");
        JsonNode listedKey = listing.get("secretKeys").get(0);
        assertThat(fieldNames(listedKey)).containsExactly("id", "name", "prefix", "scopes", "created", "lastUsedAt",
                "revokedAt");
        assertThat(listedKey.get("id").asText()).isEqualTo(key.get("id").asText());
        assertThat(listedKey.get("lastUsedAt").isNull()).isTrue();
        assertThat(listedKey.get("revokedAt").isNull()).isTrue();
        JsonNode firstPublishable = listing.get("publishableKeys").get(0);
        assertThat(fieldNames(firstPublishable)).containsExactly("key", "created", "revokedAt");
        assertThat(firstPublishable.get("key").asText()).isEqualTo(tenant.tenant().publicKey());

        server.world.clock.advance(Duration.ofMinutes(5));
        assertThat(calls.listKeys(secretKey(secret)).statusCode()).isEqualTo(200);
        JsonNode used = json(calls.listKeys(root).body()).get("secretKeys").get(0);
        assertThat(used.get("lastUsedAt").asText()).isEqualTo("2026-01-01T00:05:00Z");
    }

    @Test
    void aKeysAdminKeyMakesAndRevokesSecretAndPublishableKeys() {
        String admin = calls.secret(root, "keys:admin");
        Credential keysAdmin = secretKey(admin);

        JsonNode reader = calls.createSecretKey(keysAdmin);
        assertThat(texts(reader.get("scopes"))).as("by default the maker's own scopes").containsExactly("keys:admin");
        HttpResponse<String> publishable = calls.createKey(keysAdmin, "{\"type\":\"publishable\"}");
        assertThat(publishable.statusCode()).as(publishable.body()).isEqualTo(201);
        JsonNode newKey = json(publishable.body());
        assertThat(fieldNames(newKey)).containsExactly("key", "created");
        String pk = newKey.get("key").asText();
        assertThat(pk).startsWith("pk_");
        assertThat(newKey.get("created").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(signUpStatus(pk, "first@example.io")).as("the new key selects the tenant").isEqualTo(201);

        assertThat(calls.revokeKey(keysAdmin, pk).statusCode()).isEqualTo(204);
        assertThat(signUpStatus(pk, "second@example.io")).as("a revoked key selects nothing").isEqualTo(401);
        assertThat(calls.revokeKey(keysAdmin, reader.get("id").asText()).statusCode()).isEqualTo(204);
        assertThat(calls.listKeys(secretKey(reader.get("secret").asText())).statusCode()).isEqualTo(401);

        JsonNode listing = json(calls.listKeys(keysAdmin).body());
        JsonNode revoked = null;
        for (JsonNode listed : listing.get("publishableKeys")) {
            revoked = listed.get("key").asText().equals(pk) ? listed : revoked;
        }
        assertThat(revoked).isNotNull();
        assertThat(revoked.get("revokedAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(listing.get("secretKeys").findValuesAsText("id")).contains(reader.get("id").asText());
    }

    @Test
    void aRevokedSecretKeyIsRefusedAtOnceEverywhere() {
        JsonNode key = calls.createSecretKey(root, "keys:admin", "tokens:introspect", "sessions:admin");
        Credential revokedSoon = secretKey(key.get("secret").asText());
        assertThat(calls.listKeys(revokedSoon).statusCode()).isEqualTo(200); // now cached as good

        assertThat(calls.revokeKey(root, key.get("id").asText()).statusCode()).isEqualTo(204);

        problem(calls.listKeys(revokedSoon), 401, "unauthenticated");
        problem(calls.introspect(revokedSoon, "anything"), 401, "unauthenticated");
        problem(calls.listSessions(revokedSoon, UUID.randomUUID().toString()), 401, "unauthenticated");
        problem(calls.listKeys(RootCalls.secretKeyAsBearer(key.get("secret").asText())), 401, "unauthenticated");
        problem(calls.revokeKey(root, key.get("id").asText()), 404, "api-key-not-found");
    }

    @Test
    void aKeyCannotGrantAScopeItsMakerLacks() {
        Credential keysAdmin = secretKey(calls.secret(root, "keys:admin", "users:read"));

        JsonNode refused = problem(calls.createKey(keysAdmin, "{\"type\":\"secret\",\"scopes\":[\"users:read\",\"users:write\"]}"),
                403, "not-permitted");
        assertThat(refused.get("detail").asText()).contains("users:write").doesNotContain("users:read");
        problem(calls.createKey(keysAdmin, "{\"type\":\"secret\",\"scopes\":[\"keys:admin\",\"sessions:admin\"]}"),
                403, "not-permitted");
        assertThat(json(calls.listKeys(root).body()).get("secretKeys")).hasSize(1);
        assertThat(calls.createKey(keysAdmin, "{\"type\":\"secret\",\"scopes\":[\"users:read\"]}").statusCode())
                .isEqualTo(201);
    }

    @Test
    void badKeyRequestsAre400NamingTheField() {
        String[][] cases = {
                {"{}", "type"},
                {"{\"type\":\"SECRET\"}", "type"},
                {"{\"type\":\"root\"}", "type"},
                {"{\"type\":[\"secret\"]}", "type"},
                {"{\"type\":\"secret\",\"scopes\":[\"users:read\",\"users:delete\"]}", "scopes"},
                {"{\"type\":\"secret\",\"scopes\":[]}", "scopes"},
                {"{\"type\":\"secret\",\"scopes\":\"users:read\"}", "scopes"},
                {"{\"type\":\"secret\",\"scopes\":[\"users:read\",42]}", "scopes"},
                {"{\"type\":\"secret\",\"scopes\":[[\"users:read\"]]}", "scopes"},
                {"{\"type\":\"secret\",\"name\":\"" + "n".repeat(101) + "\"}", "name"},
                {"{\"type\":\"secret\",\"name\":\"a\\u0007b\"}", "name"},
                {"{\"type\":\"secret\",\"name\":[\"x\"]}", "name"},
                {"{\"type\":\"publishable\",\"scopes\":[\"users:read\"]}", "scopes"},
                {"{\"type\":\"publishable\",\"name\":\"web\"}", "name"}};
        for (String[] bad : cases) {
            JsonNode refused = problem(calls.createKey(root, bad[0]), 400, "invalid-input");
            assertThat(refused.get("field").asText()).as(bad[0]).isEqualTo(bad[1]);
        }
        JsonNode listing = json(calls.listKeys(root).body());
        assertThat(listing.get("secretKeys")).isEmpty();
        assertThat(listing.get("publishableKeys")).hasSize(1);
    }

    @Test
    void revokingAnUnknownKeyIs404AndTheLastPublishableKeyIs409() {
        problem(calls.revokeKey(root, UUID.randomUUID().toString()), 404, "api-key-not-found");
        problem(calls.revokeKey(root, "pk_nothing"), 404, "api-key-not-found");
        problem(calls.revokeKey(root, "not-a-key"), 404, "api-key-not-found");
        problem(calls.revokeKey(root, tenant.tenant().publicKey()), 409, "last-publishable-key-required");

        String second = json(calls.createKey(root, "{\"type\":\"publishable\"}").body()).get("key").asText();
        assertThat(calls.revokeKey(root, tenant.tenant().publicKey()).statusCode()).isEqualTo(204);
        problem(calls.revokeKey(rootToken(second, tenant.rootToken()), second), 409, "last-publishable-key-required");
        problem(calls.revokeKey(rootToken(second, tenant.rootToken()), tenant.tenant().publicKey()), 404,
                "api-key-not-found");
    }

    @Test
    void everyKeyRouteWantsKeysAdmin() {
        List<String> failures = new ArrayList<>();
        for (String scope : ALL_SCOPES) {
            if (scope.equals("keys:admin")) {
                continue;
            }
            Credential other = secretKey(calls.secret(root, scope));
            for (HttpResponse<String> response : List.of(calls.listKeys(other),
                    calls.createKey(other, "{\"type\":\"publishable\"}"),
                    calls.createKey(other, "not even json"),
                    calls.revokeKey(other, tenant.tenant().publicKey()),
                    calls.revokeKey(other, UUID.randomUUID().toString()))) {
                if (response.statusCode() != 403) {
                    failures.add(scope + ": " + response.request().method() + " " + response.uri() + " -> "
                            + response.statusCode() + " " + response.body());
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(json(calls.listKeys(root).body()).get("publishableKeys")).hasSize(1);
    }

    private int signUpStatus(String publicKey, String email) {
        return server.postJson("/v1/auth/signup", AccountCalls.credentials(email), "SB-PUBLIC-KEY", publicKey).statusCode();
    }

    static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
