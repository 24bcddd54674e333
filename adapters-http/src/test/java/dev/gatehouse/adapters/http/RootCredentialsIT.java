package dev.gatehouse.adapters.http;

import static dev.gatehouse.adapters.http.AccountCalls.json;
import static dev.gatehouse.adapters.http.ErrorShape.problem;
import static dev.gatehouse.adapters.http.RootCalls.rootToken;
import static dev.gatehouse.adapters.http.RootCalls.secretKey;
import static dev.gatehouse.adapters.http.RootCalls.secretKeyAsBearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.adapters.http.AccountCalls.Member;
import dev.gatehouse.adapters.http.RootCalls.Credential;
import dev.gatehouse.application.tenants.port.in.ProvisionTenantUseCase;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may use the root routes: the root token with the tenant's publishable key, or a secret key alone
 * (as {@code X-API-Key} or bearer), limited to its scopes; everything else is 401, a missing scope 403.
 */
class RootCredentialsIT {
    private TestServer server;
    private RootCalls calls;
    private AccountCalls accounts;
    private ProvisionTenantUseCase.Provisioned tenant;
    private ProvisionTenantUseCase.Provisioned other;
    private String pk;
    private Credential root;
    private Member customer;

    @BeforeEach
    void start() {
        server = TestServer.start();
        calls = new RootCalls(server);
        accounts = new AccountCalls(server);
        tenant = calls.provision("owner@example.io");
        other = calls.provision("other-owner@example.io");
        pk = tenant.tenant().publicKey();
        root = rootToken(pk, tenant.rootToken());
        customer = accounts.signUp(pk, "customer@example.io");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Each root route, called so that it would succeed with the right scope. */
    private Map<String, Function<Credential, HttpResponse<String>>> rootRoutes() {
        Map<String, Function<Credential, HttpResponse<String>>> routes = new LinkedHashMap<>();
        routes.put("POST /v1/auth/introspect", c -> calls.introspect(c, customer.token()));
        routes.put("GET /v1/admin/users/{id}/sessions", c -> calls.listSessions(c, customer.userId()));
        routes.put("GET /v1/admin/api-keys", calls::listKeys);
        routes.put("POST /v1/admin/api-keys", c -> calls.createKey(c, "{\"type\":\"publishable\"}"));
        routes.put("DELETE /v1/admin/api-keys/{key}", c -> calls.revokeKey(c, "pk_unknown"));
        routes.put("DELETE /v1/admin/users/{id}/sessions", c -> calls.revokeSessions(c, customer.userId()));
        return routes;
    }

    @Test
    void aUsersReadKeyIs403OnEveryRootRouteAsProblemJson() {
        String readOnly = calls.secret(root, "users:read");
        for (Credential credential : List.of(secretKey(readOnly), secretKeyAsBearer(readOnly),
                secretKey(readOnly).with("SB-PUBLIC-KEY", pk))) {
            rootRoutes().forEach((route, call) -> {
                var refused = problem(call.apply(credential), 403, "not-permitted");
                assertThat(refused.get("detail").asText()).as(route).startsWith("this key lacks the '");
            });
        }
        assertThat(accounts.meStatus(customer)).as("nothing was revoked").isEqualTo(200);
    }

    @Test
    void aSecretKeyAloneNamesItsTenantAndWorksAsXApiKeyOrBearer() {
        String secret = calls.secret(root);
        List<String> failures = new ArrayList<>();
        for (Credential credential : List.of(secretKey(secret), secretKeyAsBearer(secret),
                secretKey(secret).with("SB-PUBLIC-KEY", pk), secretKeyAsBearer(secret).with("X-API-Key", pk),
                root)) {
            rootRoutes().forEach((route, call) -> {
                if (route.startsWith("DELETE /v1/admin/users")) {
                    return; // would end the customer's sessions
                }
                int status = call.apply(credential).statusCode();
                int expected = route.startsWith("POST /v1/admin/api-keys") ? 201
                        : route.startsWith("DELETE") ? 404 : 200;
                if (status != expected) {
                    failures.add(credential + " " + route + " -> " + status);
                }
            });
        }
        assertThat(failures).isEmpty();
        assertThat(json(calls.introspect(secretKey(secret), customer.token()).body()).get("active").asBoolean()).isTrue();
    }

    @Test
    void missingWrongAndContradictoryCredentialsAre401() {
        String secret = calls.secret(root);
        String otherSecret = calls.secret(rootToken(other.tenant().publicKey(), other.rootToken()));
        List<Credential> refused = List.of(
                RootCalls.none(),
                new Credential(List.of("SB-PUBLIC-KEY", pk)),
                new Credential(List.of("SB-PUBLIC-KEY", pk, "Authorization", "Bearer " + customer.token())),
                new Credential(List.of("SB-PUBLIC-KEY", pk, "Authorization", "Bearer " + other.rootToken())),
                new Credential(List.of("SB-PUBLIC-KEY", pk, "Authorization", "Basic " + tenant.rootToken())),
                new Credential(List.of("Authorization", "Bearer " + tenant.rootToken())),
                new Credential(List.of("SB-PUBLIC-KEY", "pk_unknown", "Authorization", "Bearer " + tenant.rootToken())),
                secretKey(secret + "x"),
                secretKey("sk_"),
                secretKeyAsBearer(secret.substring(0, secret.length() - 1)),
                secretKey(secret).with("SB-PUBLIC-KEY", other.tenant().publicKey()),
                secretKey(secret).with("SB-PUBLIC-KEY", "pk_unknown"),
                secretKeyAsBearer(secret).with("X-API-Key", other.tenant().publicKey()),
                secretKey(otherSecret).with("SB-PUBLIC-KEY", pk),
                secretKey(secret).with("Authorization", "Bearer " + tenant.rootToken()),
                secretKey(secret).with("Authorization", "Bearer " + customer.token()),
                secretKey(secret).with("Authorization", "Bearer " + secret),
                secretKey(secret).with("Authorization", "Basic x"));
        List<String> failures = new ArrayList<>();
        for (Credential credential : refused) {
            rootRoutes().forEach((route, call) -> {
                HttpResponse<String> response = call.apply(credential);
                if (response.statusCode() != 401) {
                    failures.add(credential.headers() + " " + route + " -> " + response.statusCode() + " " + response.body());
                } else {
                    problem(response, 401, response.body().contains("unknown-tenant") ? "unknown-tenant" : "unauthenticated");
                }
            });
        }
        assertThat(failures).isEmpty();
        assertThat(accounts.meStatus(customer)).isEqualTo(200);
        assertThat(json(calls.listKeys(root).body()).get("publishableKeys")).hasSize(1);
    }

    @Test
    void sudoGetTokenTakesASecretKeyWithUsersWriteAsBearer() {
        String writer = calls.secret(root, "users:write");
        String reader = calls.secret(root, "users:read");

        HttpResponse<String> alone = sudoAlone("Bearer " + writer, customer.accountId());
        assertThat(alone.statusCode()).as(alone.body()).isEqualTo(200);
        assertThat(accounts.withToken(pk, json(alone.body()).asText()).userId()).isEqualTo(customer.userId());
        assertThat(accounts.sudo(pk, "Bearer " + writer, customer.accountId()).statusCode()).isEqualTo(200);

        HttpResponse<String> lacking = accounts.sudo(pk, "Bearer " + reader, customer.accountId());
        assertThat(lacking.statusCode()).isEqualTo(403);
        assertThat(lacking.headers().firstValue("Content-Type")).hasValueSatisfying(ErrorShape::isPlainUtf8Text);
        assertThat(lacking.body()).isEqualTo("this key lacks the 'users:write' scope\n");

        assertThat(accounts.sudo(other.tenant().publicKey(), "Bearer " + writer, customer.accountId()).statusCode())
                .as("a publishable key of another tenant beside the secret key").isEqualTo(401);
        assertThat(accounts.sudo("pk_unknown", "Bearer " + writer, customer.accountId()).statusCode()).isEqualTo(401);
        assertThat(accounts.sudo(pk, "Bearer " + writer + "x", customer.accountId()).statusCode()).isEqualTo(401);
        assertThat(accounts.sudo(pk, "Bearer " + reader, "not-a-uuid").statusCode())
                .as("the scope is checked before the path").isEqualTo(403);
    }

    /** {@code /sudogettoken} with only a bearer credential, no publishable key. */
    private HttpResponse<String> sudoAlone(String authorization, String accountId) {
        return server.get("/sudogettoken/" + accountId, "Authorization", authorization);
    }

    @Test
    void aRevokedSecretKeyIsRefusedAtSudoGetTokenAtOnce() {
        var key = calls.createSecretKey(root, "users:write");
        String writer = key.get("secret").asText();
        assertThat(sudoAlone("Bearer " + writer, customer.accountId()).statusCode()).isEqualTo(200);

        assertThat(calls.revokeKey(root, key.get("id").asText()).statusCode()).isEqualTo(204);

        HttpResponse<String> refused = sudoAlone("Bearer " + writer, customer.accountId());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }
}
