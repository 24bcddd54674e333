package dev.gatehouse.adapters.http;

import static dev.gatehouse.adapters.http.AccountCalls.PASSWORD;
import static dev.gatehouse.adapters.http.AccountCalls.json;
import static dev.gatehouse.adapters.http.ErrorShape.problem;
import static dev.gatehouse.adapters.http.RootCalls.rootToken;
import static dev.gatehouse.adapters.http.RootCalls.secretKey;
import static dev.gatehouse.adapters.http.RootCalls.secretKeyAsBearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.adapters.http.AccountCalls.Member;
import dev.gatehouse.adapters.http.RootCalls.Credential;
import dev.gatehouse.application.fakes.FakeWorld;
import dev.gatehouse.application.tenants.port.in.ProvisionTenantUseCase;
import dev.gatehouse.application.fakes.AllFeatures;
import dev.gatehouse.application.support.Settings;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
 * {@code GET /v1/admin/users} and {@code GET|PATCH|DELETE /v1/admin/users/{id}} over a real socket: tenant
 * isolation (IDOR), scopes, disabling and its effect on tokens and sign-in, the last-admin rule, and what the
 * listing never shows.
 */
class AdminUsersApiIT {
    private TestServer server;
    private RootCalls calls;
    private AccountCalls accounts;
    private String pkA;
    private Credential rootOfA;
    private Credential writerOfA;
    private Credential readerOfA;
    private Member adminOfA;
    private Member memberOfA;
    private String pkB;
    private Credential rootOfB;
    private Member ownerOfB;
    private Member adminOfB;
    private Member memberOfB;

    @BeforeEach
    void start() {
        server = TestServer.start(new FakeWorld(Settings.DEFAULT.withTenantCacheTtl(Duration.ZERO)));
        calls = new RootCalls(server);
        accounts = new AccountCalls(server);
        ProvisionTenantUseCase.Provisioned a = calls.provision("owner-a@example.io");
        ProvisionTenantUseCase.Provisioned b = calls.provision("owner-b@example.io");
        pkA = a.tenant().publicKey();
        rootOfA = rootToken(pkA, a.rootToken());
        writerOfA = secretKey(calls.secret(rootOfA, "users:read", "users:write"));
        readerOfA = secretKey(calls.secret(rootOfA, "users:read"));
        adminOfA = accounts.signUp(pkA, "admin-a@example.io");
        memberOfA = accounts.addAndSignIn(adminOfA, "member-a@example.io", null);
        pkB = b.tenant().publicKey();
        rootOfB = rootToken(pkB, b.rootToken());
        ownerOfB = accounts.signIn(pkB, "owner-b@example.io", b.ownerPassword());
        adminOfB = accounts.signUp(pkB, "admin-b@example.io");
        memberOfB = accounts.addAndSignIn(adminOfB, "member-b@example.io", null);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> list(Credential credential, String query) {
        return calls.send(credential, "GET", "/v1/admin/users" + query, null);
    }

    private HttpResponse<String> get(Credential credential, String id) {
        return calls.send(credential, "GET", "/v1/admin/users/" + id, null);
    }

    private HttpResponse<String> patch(Credential credential, String id, String body) {
        return calls.send(credential, "PATCH", "/v1/admin/users/" + id, body);
    }

    private HttpResponse<String> delete(Credential credential, String id) {
        return calls.send(credential, "DELETE", "/v1/admin/users/" + id, null);
    }

    private HttpResponse<String> signIn(String pk, String email, String password) {
        return server.postJson("/v1/auth/signin", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}",
                AccountCalls.PK, pk);
    }

    @Test
    void anotherTenantsUsersAre404OnEveryIdBearingAdminUserRouteLikeIdsThatExistNowhere() {
        Map<String, BiFunction<Credential, String, HttpResponse<String>>> routes = new LinkedHashMap<>();
        routes.put("GET /v1/admin/users/{id}", this::get);
        routes.put("PATCH /v1/admin/users/{id} role", (c, id) -> patch(c, id, "{\"role\":\"account_admin\"}"));
        routes.put("PATCH /v1/admin/users/{id} status", (c, id) -> patch(c, id, "{\"status\":\"disabled\"}"));
        routes.put("PATCH /v1/admin/users/{id} move", (c, id) -> patch(c, id,
                "{\"accountId\":\"" + adminOfA.accountId() + "\"}"));
        routes.put("DELETE /v1/admin/users/{id}", this::delete);
        List<Credential> credentialsOfA = List.of(rootOfA, writerOfA,
                secretKeyAsBearer(calls.secret(rootOfA, "users:read", "users:write")));

        List<String> failures = new ArrayList<>();
        for (Credential credential : credentialsOfA) {
            for (var route : routes.entrySet()) {
                HttpResponse<String> nowhere = route.getValue().apply(credential, UUID.randomUUID().toString());
                assertThat(nowhere.statusCode()).as(route.getKey()).isEqualTo(404);
                for (Member foreign : List.of(ownerOfB, adminOfB, memberOfB)) {
                    HttpResponse<String> response = route.getValue().apply(credential, foreign.userId());
                    if (response.statusCode() != 404 || !response.body().equals(nowhere.body())) {
                        failures.add(credential.headers().get(0) + " " + route.getKey() + " " + foreign.email() + " -> "
                                + response.statusCode() + " " + response.body());
                    }
                }
            }
        }
        assertThat(failures).isEmpty();

        for (Member member : List.of(ownerOfB, adminOfB, memberOfB)) {
            assertThat(accounts.meStatus(member)).as(member.email()).isEqualTo(200);
            assertThat(json(get(rootOfB, member.userId()).body()).get("status").asText()).isEqualTo("active");
        }
        String listing = list(writerOfA, "?limit=100").body();
        assertThat(listing).doesNotContain(ownerOfB.userId()).doesNotContain(adminOfB.userId())
                .doesNotContain(memberOfB.email());
        assertThat(json(list(writerOfA, "?accountId=" + adminOfB.accountId()).body()).get("users"))
                .as("another tenant's account has no users here").isEmpty();
        problem(patch(rootOfA, memberOfA.userId(), "{\"accountId\":\"" + adminOfB.accountId() + "\"}"), 400,
                "invalid-input");
        assertThat(json(get(rootOfA, memberOfA.userId()).body()).get("accountId").asText())
                .isEqualTo(memberOfA.accountId());
    }

    @Test
    void aReadingKeyReadsButCannotChangeOrDeleteAndAKeyWithoutUserScopesCannotRead() {
        assertThat(list(readerOfA, "").statusCode()).isEqualTo(200);
        assertThat(get(readerOfA, memberOfA.userId()).statusCode()).isEqualTo(200);
        problem(patch(readerOfA, memberOfA.userId(), "{\"status\":\"disabled\"}"), 403, "not-permitted");
        problem(delete(readerOfA, memberOfA.userId()), 403, "not-permitted");
        problem(patch(readerOfA, UUID.randomUUID().toString(), "{\"status\":\"disabled\"}"), 403, "not-permitted");

        Credential sessionsOnly = secretKey(calls.secret(rootOfA, "sessions:admin"));
        problem(list(sessionsOnly, ""), 403, "not-permitted");
        problem(get(sessionsOnly, memberOfA.userId()), 403, "not-permitted");
        problem(list(RootCalls.none().with(AccountCalls.PK, pkA), ""), 401, "unauthenticated");
        problem(list(RootCalls.none().with(AccountCalls.PK, pkA, "Authorization", adminOfA.bearer()), ""), 401,
                "unauthenticated");

        assertThat(accounts.meStatus(memberOfA)).as("nothing changed").isEqualTo(200);
        assertThat(json(get(rootOfA, memberOfA.userId()).body()).get("status").asText()).isEqualTo("active");
    }

    @Test
    void aDisabledUsersTokenIsRejectedOnTheNextRequestAndTheirSignInFailsLikeAWrongPasswordUntilReEnabled() {
        HttpResponse<String> wrongPassword = signIn(pkA, memberOfA.email(), "not the password");

        HttpResponse<String> disabled = patch(writerOfA, memberOfA.userId(), "{\"status\":\"disabled\"}");

        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
        assertThat(json(disabled.body()).get("status").asText()).isEqualTo("disabled");
        assertThat(accounts.meStatus(memberOfA)).isEqualTo(401);
        assertThat(server.get("/v1/account/users", AccountCalls.PK, pkA, "Authorization", memberOfA.bearer())
                .statusCode()).isEqualTo(401);
        HttpResponse<String> refused = signIn(pkA, memberOfA.email(), PASSWORD);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).as("no more than a wrong password tells").isEqualTo(wrongPassword.body());
        assertThat(json(list(readerOfA, "?status=disabled").body()).get("users")).extracting(u -> u.get("id").asText())
                .containsExactly(memberOfA.userId());

        HttpResponse<String> compatWrong = server.postJson("/login", "{\"email\":\"" + memberOfA.email()
                + "\",\"password\":\"not the password\"}", AccountCalls.PK, pkA);
        HttpResponse<String> compatDisabled = server.postJson("/login", "{\"email\":\"" + memberOfA.email()
                + "\",\"password\":\"" + PASSWORD + "\"}", AccountCalls.PK, pkA);
        assertThat(compatDisabled.statusCode()).isEqualTo(compatWrong.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(compatDisabled.body()).as("the compat sign-in tells no more either").isEqualTo(compatWrong.body());
        assertThat(server.get("/me", AccountCalls.PK, pkA, "Authorization", memberOfA.bearer()).statusCode())
                .isEqualTo(401);

        HttpResponse<String> enabled = patch(writerOfA, memberOfA.userId(), "{\"status\":\"active\"}");

        assertThat(json(enabled.body()).get("status").asText()).isEqualTo("active");
        assertThat(accounts.meStatus(memberOfA)).as("the old session stays ended").isEqualTo(401);
        assertThat(accounts.meStatus(accounts.signIn(pkA, memberOfA.email()))).isEqualTo(200);
    }

    @Test
    void roleChangeAndMoveEndTheUsersSessionsAndApplyAtTheNextSignIn() {
        Member other = accounts.signUp(pkA, "other-admin-a@example.io");

        HttpResponse<String> promoted = patch(rootOfA, memberOfA.userId(), "{\"role\":\"account_admin\"}");
        assertThat(json(promoted.body()).get("role").asText()).isEqualTo("account_admin");
        assertThat(accounts.meStatus(memberOfA)).isEqualTo(401);

        Member again = accounts.signIn(pkA, memberOfA.email());
        HttpResponse<String> moved = patch(writerOfA, memberOfA.userId(),
                "{\"accountId\":\"" + other.accountId() + "\",\"role\":\"user\"}");
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(json(moved.body()).get("accountId").asText()).isEqualTo(other.accountId());
        assertThat(json(moved.body()).get("role").asText()).isEqualTo("user");
        assertThat(accounts.meStatus(again)).isEqualTo(401);
        assertThat(accounts.signIn(pkA, memberOfA.email()).accountId()).isEqualTo(other.accountId());

        problem(patch(rootOfA, memberOfA.userId(), "{\"role\":\"root\"}"), 403, "not-permitted");
        String owner = json(list(rootOfA, "?role=root").body()).get("users").get(0).get("id").asText();
        problem(patch(rootOfA, owner, "{\"status\":\"disabled\"}"), 403, "not-permitted");
        problem(delete(rootOfA, owner), 403, "not-permitted");
    }

    @Test
    void theLastAdminOfAnAccountCannotBeDemotedMovedOrDeleted() {
        Member other = accounts.signUp(pkA, "other-admin-a@example.io");

        problem(patch(rootOfA, adminOfA.userId(), "{\"role\":\"user\"}"), 409, "last-admin-required");
        problem(patch(rootOfA, adminOfA.userId(), "{\"accountId\":\"" + other.accountId() + "\"}"), 409,
                "last-admin-required");
        problem(delete(rootOfA, adminOfA.userId()), 409, "last-admin-required");
        assertThat(accounts.meStatus(adminOfA)).as("refused changes end nothing").isEqualTo(200);

        assertThat(patch(rootOfA, memberOfA.userId(), "{\"role\":\"account_admin\"}").statusCode()).isEqualTo(200);
        assertThat(delete(rootOfA, adminOfA.userId()).statusCode()).isEqualTo(204);
        assertThat(accounts.meStatus(adminOfA)).isEqualTo(401);
        problem(get(rootOfA, adminOfA.userId()), 404, "user-not-found");
        problem(signIn(pkA, adminOfA.email(), PASSWORD), 401, "invalid-credentials");
    }

    @Test
    void refusesMalformedChangesNamingTheField() {
        assertThat(problem(patch(rootOfA, memberOfA.userId(), "{}"), 400, "invalid-input").get("field").asText())
                .isEqualTo("body");
        assertThat(problem(patch(rootOfA, memberOfA.userId(), "{\"status\":\"gone\"}"), 400, "invalid-input")
                .get("field").asText()).isEqualTo("status");
        assertThat(problem(patch(rootOfA, memberOfA.userId(), "{\"role\":\"admin\"}"), 400, "invalid-input")
                .get("field").asText()).isEqualTo("role");
        assertThat(problem(patch(rootOfA, memberOfA.userId(), "{\"accountId\":\"nope\"}"), 400, "invalid-input")
                .get("field").asText()).isEqualTo("accountId");
        assertThat(problem(patch(rootOfA, memberOfA.userId(), "{\"accountId\":\"" + UUID.randomUUID() + "\"}"), 400,
                "invalid-input").get("field").asText()).isEqualTo("accountId");
        assertThat(problem(patch(rootOfA, memberOfA.userId(), "{\"status\":false}"), 400, "invalid-input")
                .get("field").asText()).isEqualTo("status");
        assertThat(problem(get(rootOfA, "not-a-uuid"), 400, "invalid-input").get("field").asText()).isEqualTo("id");
        assertThat(problem(list(rootOfA, "?limit=101"), 400, "invalid-input").get("field").asText()).isEqualTo("limit");
        assertThat(problem(list(rootOfA, "?status=gone"), 400, "invalid-input").get("field").asText()).isEqualTo("status");
        assertThat(problem(list(rootOfA, "?accountId=x"), 400, "invalid-input").get("field").asText())
                .isEqualTo("accountId");
        assertThat(problem(list(rootOfA, "?cursor=bogus"), 400, "invalid-input").get("field").asText())
                .isEqualTo("cursor");
        assertThat(accounts.meStatus(memberOfA)).isEqualTo(200);
    }

    @Test
    void listsTheTenantPageByPageWithFiltersAndWithoutAnySecretMaterial() {
        for (int i = 0; i < 5; i++) {
            server.world.clock.advance(Duration.ofSeconds(1));
            accounts.addAndSignIn(adminOfA, "page-" + i + "@example.io", null);
        }
        List<String> emails = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            HttpResponse<String> page = list(readerOfA, "?limit=2" + (cursor == null ? ""
                    : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            assertThat(page.headers().allValues("Content-Type")).containsExactly("application/json");
            String body = page.body().toLowerCase(java.util.Locale.ROOT);
            assertThat(body).doesNotContain("hash").doesNotContain("password").doesNotContain("token")
                    .doesNotContain("code").doesNotContain("secret").doesNotContain("$2");
            for (Member m : List.of(adminOfA, memberOfA)) {
                assertThat(page.body()).doesNotContain(m.token());
            }
            JsonNode json = json(page.body());
            json.get("users").forEach(u -> {
                assertThat(u.has("id") && u.has("accountId") && u.has("email") && u.has("role") && u.has("status")
                        && u.has("created")).as(u.toString()).isTrue();
                emails.add(u.get("email").asText());
            });
            cursor = json.get("nextCursor").isNull() ? null : json.get("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 20);

        assertThat(emails).containsExactly("owner-a@example.io", "admin-a@example.io", "member-a@example.io",
                "page-0@example.io", "page-1@example.io", "page-2@example.io", "page-3@example.io", "page-4@example.io");
        assertThat(json(list(readerOfA, "?emailPrefix=PAGE-&limit=100").body()).get("users")).hasSize(5);
        assertThat(json(list(readerOfA, "?role=account_admin").body()).get("users"))
                .extracting(u -> u.get("email").asText()).containsExactly("admin-a@example.io");
        assertThat(json(list(readerOfA, "?accountId=" + adminOfA.accountId() + "&emailPrefix=m").body()).get("users"))
                .extracting(u -> u.get("email").asText()).containsExactly("member-a@example.io");
        assertThat(json(get(readerOfA, memberOfA.userId()).body()).get("email").asText())
                .isEqualTo("member-a@example.io");
    }
}
