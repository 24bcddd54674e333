package dev.gatehouse.adapters.http;

import static dev.gatehouse.adapters.http.AccountCalls.json;
import static dev.gatehouse.adapters.http.CompatApiIT.fieldNames;
import static dev.gatehouse.adapters.http.ErrorShape.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.adapters.http.AccountCalls.Member;
import dev.gatehouse.application.fakes.FakeWorld;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operator API ({@code /v1/tenants}): off without an operator token, and only for that token. */
class OperatorApiIT {
    private static final String OPERATOR_TOKEN = "op_8f2c1e6b0a9d4f7e3c5b";

    private TestServer server;
    private AccountCalls accounts;

    @BeforeEach
    void start() {
        server = TestServer.start(new FakeWorld(), config -> config.withOperatorToken(OPERATOR_TOKEN));
        accounts = new AccountCalls(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aCreatedTenantsCredentialsWorkAtOnce() {
        HttpResponse<String> created = create("{\"name\":\"Acme\",\"ownerEmail\":\"Owner@Acme.io\"}", "Bearer " + OPERATOR_TOKEN);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().allValues("Content-Type")).containsExactly("application/json");
        assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode tenant = json(created.body());
        assertThat(fieldNames(tenant)).containsExactly("tenantId", "name", "publicKey", "rootToken", "ownerEmail",
                "ownerPassword");
        assertThat(tenant.get("name").asText()).isEqualTo("Acme");
        assertThat(tenant.get("ownerEmail").asText()).isEqualTo("owner@acme.io");
        String pk = tenant.get("publicKey").asText();

        Member owner = accounts.signIn(pk, "owner@acme.io", tenant.get("ownerPassword").asText());
        JsonNode me = json(server.get("/v1/me", "SB-PUBLIC-KEY", pk, "Authorization", owner.bearer()).body());
        assertThat(me.get("role").asText()).isEqualTo("root");
        HttpResponse<String> sudo = accounts.sudo(pk, "Bearer " + tenant.get("rootToken").asText(), owner.accountId());
        assertThat(sudo.statusCode()).as(sudo.body()).isEqualTo(200);
        assertThat(accounts.withToken(pk, json(sudo.body()).asText()).userId()).isEqualTo(owner.userId());
        HttpResponse<String> keys = server.get("/v1/admin/api-keys", "X-API-Key", pk, "Authorization",
                "Bearer " + tenant.get("rootToken").asText());
        assertThat(keys.statusCode()).isEqualTo(200);

        HttpResponse<String> listed = list("Bearer " + OPERATOR_TOKEN);
        assertThat(listed.statusCode()).isEqualTo(200);
        JsonNode summary = json(listed.body()).get(0);
        assertThat(fieldNames(summary)).containsExactly("tenantId", "name", "publicKey", "created");
        assertThat(summary.get("tenantId").asText()).isEqualTo(tenant.get("tenantId").asText());
        assertThat(summary.get("publicKey").asText()).isEqualTo(pk);
        assertThat(summary.get("created").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(listed.body()).doesNotContain(tenant.get("rootToken").asText());
    }

    @Test
    void aPasswordTheOperatorChoseIsNotEchoed() {
        HttpResponse<String> created = create("{\"name\":\"Acme\",\"ownerEmail\":\"owner@acme.io\",\"ownerPassword\":"
                + "\"chosen with care\"}", "Bearer " + OPERATOR_TOKEN);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode tenant = json(created.body());
        assertThat(tenant.has("ownerPassword")).isFalse();
        assertThat(created.body()).doesNotContain("chosen with care");
        accounts.signIn(tenant.get("publicKey").asText(), "owner@acme.io", "chosen with care");
    }

    @Test
    void anyOtherCredentialIs401() {
        String rootToken = json(create("{\"name\":\"Acme\",\"ownerEmail\":\"owner@acme.io\"}", "Bearer " + OPERATOR_TOKEN)
                .body()).get("rootToken").asText();
        List<String> failures = new ArrayList<>();
        for (String authorization : new String[] {null, "", "Bearer", "Bearer " + OPERATOR_TOKEN + "x",
                "Bearer " + OPERATOR_TOKEN.substring(1), "Basic " + OPERATOR_TOKEN, "Bearer " + rootToken,
                "Bearer " + OPERATOR_TOKEN.toUpperCase(java.util.Locale.ROOT), "Bearer " + "o".repeat(5000)}) {
            for (HttpResponse<String> response : List.of(list(authorization),
                    create("{\"name\":\"Evil\",\"ownerEmail\":\"evil@example.io\"}", authorization))) {
                if (response.statusCode() != 401) {
                    failures.add(authorization + " -> " + response.statusCode());
                } else {
                    problem(response, 401, "unauthenticated");
                    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(json(list("Bearer " + OPERATOR_TOKEN).body())).hasSize(1);
    }

    @Test
    void badTenantRequestsAre400NamingTheFieldAndCreateNothing() {
        String[][] cases = {
                {"{\"ownerEmail\":\"a@b.io\"}", "name"},
                {"{\"name\":\" \",\"ownerEmail\":\"a@b.io\"}", "name"},
                {"{\"name\":\"" + "n".repeat(101) + "\",\"ownerEmail\":\"a@b.io\"}", "name"},
                {"{\"name\":\"a\\u001bb\",\"ownerEmail\":\"a@b.io\"}", "name"},
                {"{\"name\":\"Acme\"}", "ownerEmail"},
                {"{\"name\":\"Acme\",\"ownerEmail\":\"not an email\"}", "ownerEmail"},
                {"{\"name\":\"Acme\",\"ownerEmail\":42}", "ownerEmail"},
                {"{\"name\":\"Acme\",\"ownerEmail\":\"a@b.io\",\"ownerPassword\":\"\"}", "ownerPassword"},
                {"{\"name\":\"Acme\",\"ownerEmail\":\"a@b.io\",\"ownerPassword\":\"short\"}", "password"}};
        for (String[] bad : cases) {
            JsonNode refused = problem(create(bad[0], "Bearer " + OPERATOR_TOKEN), 400,
                    bad[1].equals("password") ? "password-rejected" : "invalid-input");
            assertThat(refused.get("field").asText()).as(bad[0]).isEqualTo(bad[1]);
        }
        assertThat(json(list("Bearer " + OPERATOR_TOKEN).body())).isEmpty();
    }

    @Test
    void withoutAnOperatorTokenTheOperatorApiIsNotThereAtAll() {
        try (TestServer closed = TestServer.start()) {
            HttpResponse<String> unknown = closed.get("/v1/no-such-route");
            for (HttpResponse<String> response : List.of(
                    closed.get("/v1/tenants", "Authorization", "Bearer " + OPERATOR_TOKEN),
                    closed.postJson("/v1/tenants", "{\"name\":\"Acme\",\"ownerEmail\":\"owner@acme.io\"}",
                            "Authorization", "Bearer " + OPERATOR_TOKEN),
                    closed.send(closed.request("/v1/tenants").PUT(HttpRequest.BodyPublishers.noBody())))) {
                problem(response, 404, "not-found");
                assertThat(response.body()).isEqualTo(unknown.body());
            }
            assertThat(closed.world.tenants.findAll()).isEmpty();
        }
    }

    @Test
    void theOperatorTokenMustBeLongEnoughAndIsNeverPrinted() {
        assertThatThrownBy(() -> HttpConfig.defaults().withOperatorToken("short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("short");
        assertThatThrownBy(() -> HttpConfig.defaults().withOperatorToken("sixteen chars ok"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whitespace");
        HttpConfig config = HttpConfig.defaults().withOperatorToken(OPERATOR_TOKEN);
        assertThat(config.operatorToken()).hasValue(OPERATOR_TOKEN);
        assertThat(config.toString()).doesNotContain(OPERATOR_TOKEN).contains("operatorToken=(set)");
        assertThat(HttpConfig.defaults().operatorToken()).isEmpty();
        assertThat(config.withOperatorToken(java.util.Optional.empty()).operatorToken()).isEmpty();
    }

    private HttpResponse<String> create(String json, String authorization) {
        return authorization == null ? server.postJson("/v1/tenants", json)
                : server.postJson("/v1/tenants", json, "Authorization", authorization);
    }

    private HttpResponse<String> list(String authorization) {
        return authorization == null ? server.get("/v1/tenants") : server.get("/v1/tenants", "Authorization", authorization);
    }
}
