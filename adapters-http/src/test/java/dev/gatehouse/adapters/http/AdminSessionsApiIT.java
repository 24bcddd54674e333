package dev.gatehouse.adapters.http;

import static dev.gatehouse.adapters.http.AccountCalls.json;
import static dev.gatehouse.adapters.http.CompatApiIT.fieldNames;
import static dev.gatehouse.adapters.http.ErrorShape.problem;
import static dev.gatehouse.adapters.http.RootCalls.rootToken;
import static dev.gatehouse.adapters.http.RootCalls.secretKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.adapters.http.AccountCalls.Member;
import dev.gatehouse.adapters.http.RootCalls.Credential;
import dev.gatehouse.application.tenants.port.in.ProvisionTenantUseCase;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET|DELETE /v1/admin/users/{id}/sessions}: a user's sessions under root authority. */
class AdminSessionsApiIT {
    private TestServer server;
    private RootCalls calls;
    private AccountCalls accounts;
    private String pk;
    private Credential root;
    private Credential sessionsAdmin;

    @BeforeEach
    void start() {
        server = TestServer.start();
        calls = new RootCalls(server);
        accounts = new AccountCalls(server);
        ProvisionTenantUseCase.Provisioned tenant = calls.provision("owner@example.io");
        pk = tenant.tenant().publicKey();
        root = rootToken(pk, tenant.rootToken());
        sessionsAdmin = secretKey(calls.secret(root, "sessions:admin"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void listsAUsersActiveSessionsWithoutMarkingACurrentOne() {
        Member phone = accounts.signUp(pk, "ada@example.io");
        server.world.clock.advance(Duration.ofMinutes(1));
        HttpResponse<String> laptopSignIn = server.send(server.request("/v1/auth/signin").header("SB-PUBLIC-KEY", pk)
                .header("Content-Type", "application/json").header("User-Agent", "laptop/1.0")
                .POST(HttpRequest.BodyPublishers.ofString(AccountCalls.credentials("ada@example.io"))));
        assertThat(laptopSignIn.statusCode()).isEqualTo(200);

        HttpResponse<String> listed = calls.listSessions(sessionsAdmin, phone.userId());

        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(listed.headers().allValues("Content-Type")).containsExactly("application/json");
        JsonNode sessions = json(listed.body());
        assertThat(sessions).hasSize(2);
        for (JsonNode session : sessions) {
            assertThat(fieldNames(session)).containsExactly("id", "createdAt", "lastUsedAt", "expiresAt", "ipAddress",
                    "userAgent");
        }
        assertThat(sessions.findValuesAsText("userAgent")).contains("laptop/1.0");
        assertThat(sessions.findValuesAsText("createdAt")).containsExactlyInAnyOrder("2026-01-01T00:00:00Z",
                "2026-01-01T00:01:00Z");
        JsonNode own = json(server.get("/v1/me/sessions", "SB-PUBLIC-KEY", pk, "Authorization", phone.bearer()).body());
        assertThat(sessions.findValuesAsText("id")).containsExactlyInAnyOrderElementsOf(own.findValuesAsText("id"));
        assertThat(json(calls.listSessions(root, phone.userId()).body())).hasSize(2);
    }

    @Test
    void deletingEndsEveryOneOfTheUsersSessionsAndTheirTokensAtOnce() {
        Member ada = accounts.signUp(pk, "ada@example.io");
        Member adaAgain = accounts.signIn(pk, "ada@example.io");
        Member compat = accounts.login(pk, "ada@example.io");
        Member bob = accounts.addAndSignIn(ada, "bob@example.io", null);

        HttpResponse<String> revoked = calls.revokeSessions(sessionsAdmin, ada.userId());

        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.body()).isEqualTo("{\"revoked\":3}");
        for (Member ended : new Member[] {ada, adaAgain}) {
            problem(server.get("/v1/me", "SB-PUBLIC-KEY", pk, "Authorization", ended.bearer()), 401, "unauthenticated");
        }
        assertThat(server.get("/me", "SB-PUBLIC-KEY", pk, "Authorization", compat.bearer()).statusCode()).isEqualTo(401);
        assertThat(accounts.meStatus(bob)).as("another user of the account").isEqualTo(200);
        assertThat(json(calls.listSessions(sessionsAdmin, ada.userId()).body())).isEmpty();
        assertThat(calls.revokeSessions(sessionsAdmin, ada.userId()).body()).isEqualTo("{\"revoked\":0}");
        Member back = accounts.signIn(pk, "ada@example.io");
        assertThat(accounts.meStatus(back)).as("the user may sign in again").isEqualTo(200);
    }

    @Test
    void anUnknownUserIs404AndAMalformedIdIs400AfterTheCredential() {
        String nowhere = UUID.randomUUID().toString();
        problem(calls.listSessions(sessionsAdmin, nowhere), 404, "user-not-found");
        problem(calls.revokeSessions(sessionsAdmin, nowhere), 404, "user-not-found");
        JsonNode malformed = problem(calls.listSessions(sessionsAdmin, "42"), 400, "invalid-input");
        assertThat(malformed.get("field").asText()).isEqualTo("id");
        problem(calls.revokeSessions(RootCalls.none(), "42"), 401, "unknown-tenant");
        problem(calls.revokeSessions(secretKey("sk_nope"), "42"), 401, "unauthenticated");
    }
}
