package dev.gatehouse.adapters.http;

import static dev.gatehouse.adapters.http.AccountCalls.json;
import static dev.gatehouse.adapters.http.RootCalls.rootToken;
import static dev.gatehouse.adapters.http.RootCalls.secretKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.adapters.http.AccountCalls.Member;
import dev.gatehouse.adapters.http.RootCalls.Credential;
import dev.gatehouse.application.fakes.FakeWorld;
import dev.gatehouse.application.tenants.port.in.ProvisionTenantUseCase;
import dev.gatehouse.application.fakes.AllFeatures;
import dev.gatehouse.application.support.Settings;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Insecure direct object references on the root routes: tenant A's root token and secret keys, given the
 * ids of tenant B's users and keys, get exactly the 404 an id that exists nowhere gets, and nothing of
 * B's changes.
 */
class RootRoutesIdorIT {
    private TestServer server;
    private RootCalls calls;
    private AccountCalls accounts;
    private List<Credential> credentialsOfA;
    private Member userOfA;
    private Member ownerOfB;
    private Member adminOfB;
    private Member memberOfB;
    private String pkB;
    private String secondPkB;
    private JsonNode secretKeyOfB;

    @BeforeEach
    void start() {
        server = TestServer.start(new FakeWorld(Settings.DEFAULT.withTenantCacheTtl(Duration.ZERO)));
        calls = new RootCalls(server);
        accounts = new AccountCalls(server);
        ProvisionTenantUseCase.Provisioned a = calls.provision("owner-a@example.io");
        ProvisionTenantUseCase.Provisioned b = calls.provision("owner-b@example.io");
        Credential rootOfA = rootToken(a.tenant().publicKey(), a.rootToken());
        credentialsOfA = List.of(rootOfA, secretKey(calls.secret(rootOfA)),
                RootCalls.secretKeyAsBearer(calls.secret(rootOfA, "sessions:admin", "keys:admin")));
        userOfA = accounts.signUp(a.tenant().publicKey(), "user-a@example.io");
        pkB = b.tenant().publicKey();
        Credential rootOfB = rootToken(pkB, b.rootToken());
        ownerOfB = accounts.signIn(pkB, "owner-b@example.io", b.ownerPassword());
        adminOfB = accounts.signUp(pkB, "admin-b@example.io");
        memberOfB = accounts.addAndSignIn(adminOfB, "member-b@example.io", null);
        secretKeyOfB = calls.createSecretKey(rootOfB, "keys:admin");
        secondPkB = json(calls.createKey(rootOfB, "{\"type\":\"publishable\"}").body()).get("key").asText();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anotherTenantsIdsAre404OnEveryIdBearingRootRouteLikeIdsThatExistNowhere() {
        Map<String, BiFunction<Credential, String, HttpResponse<String>>> userRoutes = new LinkedHashMap<>();
        userRoutes.put("GET /v1/admin/users/{id}/sessions", calls::listSessions);
        userRoutes.put("DELETE /v1/admin/users/{id}/sessions", calls::revokeSessions);
        Map<String, List<String>> foreignIds = new LinkedHashMap<>();
        foreignIds.put("user", List.of(ownerOfB.userId(), adminOfB.userId(), memberOfB.userId()));
        foreignIds.put("key", List.of(secretKeyOfB.get("id").asText(), pkB, secondPkB));

        List<String> failures = new ArrayList<>();
        for (Credential credential : credentialsOfA) {
            for (var route : userRoutes.entrySet()) {
                check(failures, credential, route.getKey(), route.getValue(), foreignIds.get("user"));
            }
            check(failures, credential, "DELETE /v1/admin/api-keys/{key} (secret)", calls::revokeKey,
                    List.of(secretKeyOfB.get("id").asText()));
            check(failures, credential, "DELETE /v1/admin/api-keys/{key} (publishable)", calls::revokeKey,
                    List.of(pkB, secondPkB));
        }
        assertThat(failures).isEmpty();

        for (Member member : List.of(ownerOfB, adminOfB, memberOfB)) {
            assertThat(accounts.meStatus(member)).as(member.email()).isEqualTo(200);
        }
        assertThat(calls.listKeys(secretKey(secretKeyOfB.get("secret").asText())).statusCode()).isEqualTo(200);
        assertThat(server.get("/v1/me", "SB-PUBLIC-KEY", secondPkB, "Authorization", adminOfB.bearer()).statusCode())
                .isEqualTo(200);
        assertThat(json(calls.listSessions(credentialsOfA.get(0), userOfA.userId()).body()))
                .as("the same credentials do reach their own tenant's users").hasSize(1);
    }

    @Test
    void anotherTenantsTokensAreInactiveAndItsKeysAreNotListed() {
        Credential root = credentialsOfA.get(0);
        for (Member member : List.of(ownerOfB, adminOfB, memberOfB)) {
            assertThat(calls.introspect(root, member.token()).body()).isEqualTo("{\"active\":false}");
        }
        String listing = calls.listKeys(root).body();
        assertThat(listing).doesNotContain(pkB).doesNotContain(secondPkB).doesNotContain(secretKeyOfB.get("id").asText());
    }

    private void check(List<String> failures, Credential credential, String route,
                       BiFunction<Credential, String, HttpResponse<String>> call, List<String> ids) {
        HttpResponse<String> nowhere = call.apply(credential, route.contains("publishable") ? "pk_nowhere"
                : UUID.randomUUID().toString());
        assertThat(nowhere.statusCode()).as(route).isEqualTo(404);
        for (String id : ids) {
            HttpResponse<String> response = call.apply(credential, id);
            if (response.statusCode() != 404 || !response.body().equals(nowhere.body())
                    || !response.headers().firstValue("Content-Type").equals(nowhere.headers().firstValue("Content-Type"))) {
                failures.add(credential.headers().get(0) + " " + route + " " + id + " -> " + response.statusCode() + " "
                        + response.body());
            }
        }
    }
}
