package dev.gatehouse.adapters.http;

import static dev.gatehouse.adapters.http.CompatApiIT.credentials;
import static dev.gatehouse.adapters.http.CompatApiIT.fieldNames;
import static dev.gatehouse.adapters.http.ErrorShape.problem;
import static dev.gatehouse.adapters.http.RootCalls.rootToken;
import static dev.gatehouse.adapters.http.RootCalls.secretKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.adapters.http.RootCalls.Credential;
import dev.gatehouse.application.fakes.FakeWorld;
import dev.gatehouse.application.tenants.port.in.ProvisionTenantUseCase;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.audit.AuditEventType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Profiles, self-service deletion and the exports over HTTP (docs/users.md), with what each refuses. One server for
 * the class: every test signs up users of its own.
 */
class UserLifecycleApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PK = "SB-PUBLIC-KEY";
    private static final String PASSWORD = "correct horse";

    private static TestServer server;
    private static RootCalls calls;
    private static String pk;
    private static Credential root;
    private static String ownerPassword;

    record Signed(String access, String userId, String accountId) {
        String bearer() {
            return "Bearer " + access;
        }
    }

    @BeforeAll
    static void start() {
        server = TestServer.start(new FakeWorld());
        calls = new RootCalls(server);
        ProvisionTenantUseCase.Provisioned tenant = calls.provision("owner@example.io");
        pk = tenant.tenant().publicKey();
        root = rootToken(pk, tenant.rootToken());
        ownerPassword = tenant.ownerPassword();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    // ---------------------------------------------------------------- profiles

    @Test
    void aUserSetsTheirProfileAndSeesItAtOnceAndTheMetadataMergesKeyByKey() {
        Signed ada = signUp();
        JsonNode before = json(ok(get("/v1/me", ada.bearer())));
        assertThat(before.get("name").isNull()).isTrue();
        assertThat(before.get("avatarUrl").isNull()).isTrue();
        assertThat(before.get("metadata").toString()).isEqualTo("{}");

        JsonNode patched = json(ok(patch("/v1/me", """
                {"name":"  Ada Lovelace ","avatarUrl":"https://cdn.example/ada.png",
                 "metadata":{"plan":"pro","prefs":{"theme":"dark","lang":"en"},"beta":true}}""", ada.bearer())));
        assertThat(patched.get("name").asText()).isEqualTo("Ada Lovelace");
        JsonNode me = json(ok(get("/v1/me", ada.bearer())));
        assertThat(me).as("the caller's next read shows the change at once").isEqualTo(patched);
        assertThat(me.get("metadata").get("prefs").get("theme").asText()).isEqualTo("dark");

        JsonNode merged = json(ok(patch("/v1/me",
                "{\"metadata\":{\"beta\":null,\"prefs\":{\"theme\":\"light\"}},\"avatarUrl\":null}", ada.bearer())));
        assertThat(merged.get("metadata").toString())
                .isEqualTo("{\"plan\":\"pro\",\"prefs\":{\"theme\":\"light\",\"lang\":\"en\"}}");
        assertThat(merged.get("avatarUrl").isNull()).isTrue();
        assertThat(merged.get("name").asText()).as("a field left out stays").isEqualTo("Ada Lovelace");
        assertThat(json(ok(patch("/v1/me", "{\"metadata\":null}", ada.bearer()))).get("metadata").toString())
                .isEqualTo("{}");
        assertThat(server.world.audit.events(AuditEventType.PROFILE_UPDATED))
                .anySatisfy(e -> assertThat(e.details()).containsEntry("fields", "avatarUrl,metadata"));
    }

    @Test
    void refusesWhatAProfileMayNotHoldNamingTheField() {
        Signed bob = signUp();
        problem(patch("/v1/me", "{\"name\":\"Bob\\u0000\"}", bob.bearer()), 400, "invalid-input");
        JsonNode rtl = problem(patch("/v1/me", "{\"name\":\"Bob\\u202Eevil\"}", bob.bearer()), 400, "invalid-input");
        assertThat(rtl.get("detail").asText()).contains("name").contains("U+202E");
        problem(patch("/v1/me", "{\"name\":\"" + "b".repeat(201) + "\"}", bob.bearer()), 400, "invalid-input");
        problem(patch("/v1/me", "{\"name\":42}", bob.bearer()), 400, "invalid-input");
        JsonNode http = problem(patch("/v1/me", "{\"avatarUrl\":\"http://cdn.example/b.png\"}", bob.bearer()), 400,
                "invalid-input");
        assertThat(http.get("detail").asText()).contains("avatarUrl");
        problem(patch("/v1/me", "{\"avatarUrl\":\"javascript:alert(1)\"}", bob.bearer()), 400, "invalid-input");
        problem(patch("/v1/me", "{\"metadata\":[1,2]}", bob.bearer()), 400, "invalid-input");
        problem(patch("/v1/me", "{\"metadata\":{\"blob\":\"" + "x".repeat(8200) + "\"}}", bob.bearer()), 400,
                "invalid-input");
        JsonNode email = problem(patch("/v1/me", "{\"email\":\"evil@example.io\"}", bob.bearer()), 400,
                "invalid-input");
        assertThat(email.get("detail").asText()).contains("POST /v1/me/email");
        problem(patch("/v1/me", "{\"role\":\"account_admin\"}", bob.bearer()), 400, "invalid-input");
        problem(patch("/v1/me", "{}", bob.bearer()), 400, "invalid-input");
        problem(patch("/v1/me", "{\"name\":\"x\"}", "Bearer not-a-token"), 401, "unauthenticated");
        assertThat(json(ok(get("/v1/me", bob.bearer()))).get("name").isNull()).as("nothing was stored").isTrue();
    }

    @Test
    void memberListsShowNameAndAvatarButNeverTheMetadata() {
        Signed owner = signUp();
        ok(patch("/v1/me", "{\"name\":\"Owner\",\"avatarUrl\":\"https://cdn.example/o.png\","
                + "\"metadata\":{\"secretPlan\":\"x\"}}", owner.bearer()));
        JsonNode members = json(ok(get("/v1/account/users", owner.bearer())));
        JsonNode first = members.get("users").get(0);
        assertThat(first.get("name").asText()).isEqualTo("Owner");
        assertThat(first.get("avatarUrl").asText()).isEqualTo("https://cdn.example/o.png");
        assertThat(first.has("metadata")).isFalse();
        assertThat(members.toString()).doesNotContain("secretPlan");

        HttpResponse<String> compat = server.send(server.request("/account/users")
                .header(PK, pk).header("Authorization", "Bearer " + compatToken(owner)).GET());
        assertThat(compat.statusCode()).as(compat.body()).isEqualTo(200);
        assertThat(compat.body()).contains("\"name\":\"Owner\"").doesNotContain("secretPlan");

        HttpResponse<String> admin = calls.send(root, "GET", "/v1/admin/users?accountId=" + owner.accountId(), null);
        assertThat(ok(admin).body()).contains("\"name\":\"Owner\"").doesNotContain("secretPlan");
        JsonNode one = json(ok(calls.send(root, "GET", "/v1/admin/users/" + owner.userId(), null)));
        assertThat(one.get("metadata").get("secretPlan").asText()).as("administrators see it").isEqualTo("x");
    }

    @Test
    void theRootTokenOrAUsersWriteKeyEditsAProfileAndALesserKeyCannot() {
        Signed carol = signUp();
        JsonNode changed = json(ok(calls.send(root, "PATCH", "/v1/admin/users/" + carol.userId(),
                "{\"name\":\"Carol\",\"metadata\":{\"tier\":2},\"role\":\"account_admin\"}")));
        assertThat(changed.get("name").asText()).isEqualTo("Carol");
        assertThat(changed.get("role").asText()).isEqualTo("account_admin");
        assertThat(changed.get("metadata").get("tier").asInt()).isEqualTo(2);

        Credential writer = secretKey(calls.secret(root, "users:write", "users:read"));
        ok(calls.send(writer, "PATCH", "/v1/admin/users/" + carol.userId(), "{\"avatarUrl\":\"https://c.example/c\"}"));
        Credential reader = secretKey(calls.secret(root, "users:read"));
        problem(calls.send(reader, "PATCH", "/v1/admin/users/" + carol.userId(), "{\"name\":\"Mallory\"}"), 403,
                "not-permitted");
        problem(calls.send(root, "PATCH", "/v1/admin/users/" + carol.userId(), "{\"password\":\"x\"}"), 400,
                "invalid-input");
        problem(calls.send(root, "PATCH", "/v1/admin/users/" + carol.userId(), "{}"), 400, "invalid-input");
        problem(calls.send(root, "PATCH", "/v1/admin/users/" + UUID.randomUUID(), "{\"name\":\"x\"}"), 404,
                "user-not-found");
        String ownerId = server.world.users.findByEmail(rootTenant(), new dev.gatehouse.domain.user.EmailAddress(
                "owner@example.io")).orElseThrow().id().toString();
        problem(calls.send(writer, "PATCH", "/v1/admin/users/" + ownerId, "{\"name\":\"Owned\"}"), 403,
                "not-permitted");
        assertThat(json(ok(calls.send(root, "GET", "/v1/admin/users/" + carol.userId(), null))).get("name").asText())
                .isEqualTo("Carol");
    }

    // ---------------------------------------------------------------- self-service deletion

    @Test
    void aUserDeletesThemselvesWithStepUpOrTheirPasswordAndEverythingOfTheirsGoes() {
        Signed dan = signUp();
        server.world.clock.advance(Duration.ofMinutes(11));
        problem(delete("/v1/me", null, dan.bearer()), 403, "reauthentication-required");
        problem(delete("/v1/me", "{\"password\":\"wrong horse\"}", dan.bearer()), 400, "invalid-input");
        assertThat(server.world.users.findById(rootTenant(), id(dan.userId()))).as("still there").isPresent();

        HttpResponse<String> deleted = delete("/v1/me", "{\"password\":\"" + PASSWORD + "\"}", dan.bearer());
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        assertThat(server.world.users.findById(rootTenant(), id(dan.userId()))).isEmpty();
        assertThat(server.world.accounts.findById(rootTenant(), new AccountId(UUID.fromString(dan.accountId()))))
                .as("the account of its only member goes with them").isEmpty();
        assertThat(server.world.mailOutbox.all()).noneMatch(m -> m.to().equals(emailOf(dan)));
        assertThat(server.world.audit.events()).allSatisfy(e -> assertThat(e.details()).doesNotContainValue(emailOf(dan)));
        assertThat(server.world.audit.events(AuditEventType.USER_DELETED))
                .anySatisfy(e -> assertThat(e.details()).containsEntry("by", "self").containsEntry("accountDeleted", "true"));
        problem(get("/v1/me", dan.bearer()), 401, "unauthenticated");
        assertThat(server.postJson("/v1/auth/signin", credentials(emailOf(dan), PASSWORD), PK, pk).statusCode())
                .isEqualTo(401);

        Signed fresh = signUp();
        ok204(delete("/v1/me", null, fresh.bearer()), "a fresh sign-in is step-up enough");
    }

    @Test
    void theLastAdminOfAnAccountWithOtherMembersMustHandOverAndTheRootUserCannotLeave() {
        Signed admin = signUp();
        String memberEmail = "member-" + UUID.randomUUID() + "@example.io";
        HttpResponse<String> added = server.send(server.request("/v1/account/users").header(PK, pk)
                .header("Authorization", admin.bearer()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(credentials(memberEmail, PASSWORD))));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        String memberId = json(added).get("id").asText();

        JsonNode refused = problem(delete("/v1/me", null, admin.bearer()), 409, "last-admin-required");
        assertThat(refused.get("detail").asText()).contains("make another member an admin first");
        problem(calls.send(root, "DELETE", "/v1/admin/users/" + admin.userId(), null), 409, "last-admin-required");

        ok(calls.send(root, "PATCH", "/v1/admin/users/" + memberId, "{\"role\":\"account_admin\"}"));
        ok204(delete("/v1/me", null, admin.bearer()), "another admin stays");
        assertThat(server.world.accounts.findById(rootTenant(), new AccountId(UUID.fromString(admin.accountId()))))
                .as("the account keeps its other member").isPresent();

        JsonNode owner = json(ok(server.postJson("/v1/auth/signin", credentials("owner@example.io",
                ownerPassword), PK, pk)));
        problem(delete("/v1/me", null, "Bearer " + owner.get("accessToken").asText()), 403, "not-permitted");
        problem(calls.send(root, "DELETE", "/v1/admin/users/" + owner.get("user").get("id").asText(), null), 403,
                "not-permitted");
    }

    // ---------------------------------------------------------------- exports

    @Test
    void aUserExportsTheirOwnDataWithoutAnySecret() {
        Signed eve = signUp();
        ok(patch("/v1/me", "{\"name\":\"Eve\",\"metadata\":{\"k\":1}}", eve.bearer()));
        HttpResponse<String> response = get("/v1/me/export", eve.bearer());
        JsonNode export = json(ok(response));
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(fieldNames(export)).containsExactly("exportedAt", "user", "mfa", "identities", "sessions",
                "auditEvents");
        assertThat(export.get("user").get("name").asText()).isEqualTo("Eve");
        assertThat(export.get("mfa").get("totp").asBoolean()).isFalse();
        assertThat(export.get("sessions")).hasSize(1);
        assertThat(export.get("sessions").get(0).get("current").asBoolean()).isTrue();
        assertThat(export.get("auditEvents").findValuesAsText("type")).contains("SIGN_UP", "PROFILE_UPDATED");
        String text = export.toString().toLowerCase(java.util.Locale.ROOT);
        assertThat(text).doesNotContain("passwordhash").doesNotContain("$2").doesNotContain(eve.access())
                .doesNotContain("refreshtoken");
        assertThat(server.world.audit.events(AuditEventType.DATA_EXPORTED)).isNotEmpty();
        problem(get("/v1/me/export", "Bearer nope"), 401, "unauthenticated");
    }

    @Test
    void anAdministratorStreamsTheTenantsUsersAndOnlyTheRootTokenGetsTheHashes() {
        Signed frank = signUp();
        ok(patch("/v1/me", "{\"name\":\"Frank\",\"metadata\":{\"erp\":\"F-1\"}}", frank.bearer()));
        HttpResponse<String> plain = calls.send(root, "GET", "/v1/admin/users/export", null);
        assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Content-Type")).contains("application/x-ndjson");
        List<JsonNode> lines = Arrays.stream(plain.body().split("\n")).map(UserLifecycleApiIT::json).toList();
        long users = server.world.users.findPageInTenant(rootTenant(), new dev.gatehouse.application.port.out
                .UserRepository.TenantPageQuery(java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), 100)).size();
        assertThat(lines).hasSize((int) users);
        JsonNode frankLine = lines.stream().filter(l -> l.get("id").asText().equals(frank.userId())).findFirst()
                .orElseThrow();
        assertThat(fieldNames(frankLine)).containsExactly("id", "accountId", "email", "emailVerified", "role",
                "status", "created", "name", "avatarUrl", "metadata");
        assertThat(frankLine.get("metadata").get("erp").asText()).isEqualTo("F-1");
        assertThat(plain.body()).doesNotContain("passwordHash").doesNotContain("$2");

        HttpResponse<String> withHashes = calls.send(root, "GET", "/v1/admin/users/export?includePasswordHashes=true",
                null);
        assertThat(ok(withHashes).body()).contains("\"passwordHash\":");
        Credential reader = secretKey(calls.secret(root, "users:read"));
        assertThat(ok(calls.send(reader, "GET", "/v1/admin/users/export", null)).body()).doesNotContain("passwordHash");
        problem(calls.send(reader, "GET", "/v1/admin/users/export?includePasswordHashes=true", null), 403,
                "not-permitted");
        Credential settingsOnly = secretKey(calls.secret(root, "settings:admin"));
        problem(calls.send(settingsOnly, "GET", "/v1/admin/users/export", null), 403, "not-permitted");
        problem(calls.send(root, "GET", "/v1/admin/users/export?includePasswordHashes=yes", null), 400,
                "invalid-input");
        problem(calls.send(rootToken(pk, "not-the-root-token"), "GET", "/v1/admin/users/export", null), 401,
                "unauthenticated");
        assertThat(server.world.audit.events(AuditEventType.USERS_EXPORTED))
                .anySatisfy(e -> assertThat(e.details()).containsEntry("contents", "withPasswordHashes"));
    }

    // ---------------------------------------------------------------- helpers

    private static dev.gatehouse.domain.tenant.TenantId rootTenant() {
        return server.world.tenants.findByPublishableKey(pk).orElseThrow().id();
    }

    private static dev.gatehouse.domain.user.UserId id(String userId) {
        return new dev.gatehouse.domain.user.UserId(UUID.fromString(userId));
    }

    private static String emailOf(Signed signed) {
        return server.world.users.findById(rootTenant(), id(signed.userId())).map(u -> u.email().value())
                .orElseGet(() -> EMAILS.get(signed.userId()));
    }

    private static final java.util.Map<String, String> EMAILS = new java.util.concurrent.ConcurrentHashMap<>();

    private static Signed signUp() {
        String email = "user-" + UUID.randomUUID() + "@example.io";
        HttpResponse<String> response = server.postJson("/v1/auth/signup", credentials(email, PASSWORD), PK, pk);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode body = json(response);
        Signed signed = new Signed(body.get("accessToken").asText(), body.get("user").get("id").asText(),
                body.get("user").get("accountId").asText());
        EMAILS.put(signed.userId(), email);
        return signed;
    }

    private static String compatToken(Signed signed) {
        HttpResponse<String> login = server.postJson("/login", credentials(EMAILS.get(signed.userId()), PASSWORD),
                PK, pk);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return json(login).asText();
    }

    private static HttpResponse<String> get(String path, String bearer) {
        return server.get(path, PK, pk, "Authorization", bearer);
    }

    private static HttpResponse<String> patch(String path, String json, String bearer) {
        return send("PATCH", path, json, bearer);
    }

    private static HttpResponse<String> delete(String path, String json, String bearer) {
        return send("DELETE", path, json, bearer);
    }

    private static HttpResponse<String> send(String method, String path, String json, String bearer) {
        HttpRequest.Builder request = server.request(path).header(PK, pk).header("Authorization", bearer);
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        }
        return server.send(request);
    }

    private static HttpResponse<String> ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
        return response;
    }

    private static void ok204(HttpResponse<String> response, String why) {
        assertThat(response.statusCode()).as(why + ": " + response.body()).isEqualTo(204);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return json(response.body());
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
