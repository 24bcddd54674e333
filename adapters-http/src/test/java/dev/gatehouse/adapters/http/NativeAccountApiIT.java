package dev.gatehouse.adapters.http;

import static dev.gatehouse.adapters.http.AccountCalls.PK;
import static dev.gatehouse.adapters.http.AccountCalls.json;
import static dev.gatehouse.adapters.http.CompatApiIT.fieldNames;
import static dev.gatehouse.adapters.http.ErrorShape.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.adapters.http.AccountCalls.Member;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The caller's account on the native API: read and rename it, list, add, re-role and remove its users. */
class NativeAccountApiIT {
    /** A member as colleagues see them: the profile's name and avatar, never the app's metadata. */
    private static final List<String> USER_FIELDS = List.of("id", "accountId", "email", "role", "status", "created",
            "emailVerified", "name", "avatarUrl");

    private TestServer server;
    private AccountCalls calls;

    @BeforeEach
    void start() {
        server = TestServer.start();
        server.world.newTenant("pk_a");
        server.world.newTenant("pk_b");
        calls = new AccountCalls(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    // ---------------------------------------------------------------- /v1/account

    @Test
    void anyMemberReadsTheAccountWithItsMemberCount() {
        Member admin = calls.signUp("pk_a", "admin@example.io");
        Member member = calls.addAndSignIn(admin, "member@example.io", null);

        HttpResponse<String> read = account(member);

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().allValues("Content-Type")).containsExactly("application/json");
        JsonNode account = json(read.body());
        assertThat(fieldNames(account)).containsExactly("id", "name", "created", "memberCount");
        assertThat(account.get("id").asText()).isEqualTo(admin.accountId());
        assertThat(account.get("memberCount").asLong()).isEqualTo(2);
        assertThat(Instant.parse(account.get("created").asText())).isEqualTo(server.world.clock.now());
        problem(server.get("/v1/account", PK, "pk_a"), 401, "unauthenticated");
    }

    @Test
    void adminsRenameTheAccountOthersGet403() {
        Member admin = calls.signUp("pk_a", "admin@example.io");
        Member member = calls.addAndSignIn(admin, "member@example.io", "user");

        HttpResponse<String> renamed = calls.send(admin, "PATCH", "/v1/account", "{\"name\":\"  Acme Ltd  \"}");
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        assertThat(json(renamed.body()).get("name").asText()).isEqualTo("Acme Ltd");
        assertThat(json(account(member).body()).get("name").asText()).isEqualTo("Acme Ltd");

        problem(calls.send(member, "PATCH", "/v1/account", "{\"name\":\"Mine now\"}"), 403, "not-permitted");
        assertThat(json(account(admin).body()).get("name").asText()).isEqualTo("Acme Ltd");
    }

    @Test
    void renameRefusesAMissingMistypedOverlongOrControlCharacterName() {
        Member admin = calls.signUp("pk_a", "admin@example.io");
        for (String body : List.of("{}", "{\"name\":null}", "{\"name\":42}", "{\"name\":\"" + "n".repeat(201) + "\"}",
                "{\"name\":\"a\\u0000b\"}", "{\"name\":\"line\\nbreak\"}")) {
            JsonNode refused = problem(calls.send(admin, "PATCH", "/v1/account", body), 400, "invalid-input");
            assertThat(refused.get("field").asText()).as(body).isEqualTo("name");
        }
    }

    // ---------------------------------------------------------------- POST /v1/account/users

    @Test
    void adminAddsUsersWithTheDefaultRoleOrANamedOne() {
        Member admin = calls.signUp("pk_a", "admin@example.io");

        HttpResponse<String> plain = calls.nativeAdd(admin, "Plain@Example.io", null);
        assertThat(plain.statusCode()).as(plain.body()).isEqualTo(201);
        assertThat(plain.headers().allValues("Content-Type")).containsExactly("application/json");
        JsonNode user = json(plain.body());
        assertThat(fieldNames(user)).containsExactlyElementsOf(USER_FIELDS);
        assertThat(user.get("email").asText()).isEqualTo("plain@example.io");
        assertThat(user.get("role").asText()).isEqualTo("user");
        assertThat(user.get("status").asText()).isEqualTo("active");
        assertThat(user.get("accountId").asText()).isEqualTo(admin.accountId());

        JsonNode deputy = json(calls.nativeAdd(admin, "deputy@example.io", "account_admin").body());
        assertThat(deputy.get("role").asText()).isEqualTo("account_admin");
        JsonNode me = json(server.get("/v1/me", PK, "pk_a", "Authorization", calls.signIn("pk_a", "deputy@example.io").bearer()).body());
        JsonNode withoutMetadata = ((com.fasterxml.jackson.databind.node.ObjectNode) me.deepCopy()).without("metadata");
        assertThat(withoutMetadata)
                .as("the deputy sees themselves as the admin saw them, plus their own metadata").isEqualTo(deputy);
        assertThat(me.get("metadata").toString()).isEqualTo("{}");
    }

    @Test
    void addRefusesRootUnknownRolesDuplicatesAndNonAdmins() {
        Member admin = calls.signUp("pk_a", "admin@example.io");
        Member member = calls.addAndSignIn(admin, "member@example.io", "user");

        problem(calls.nativeAdd(admin, "root@example.io", "root"), 403, "not-permitted");
        for (String role : List.of("admin", "ROOT", "", "50", "account admin")) {
            assertThat(problem(calls.nativeAdd(admin, "x@example.io", role), 400, "invalid-input").get("field").asText())
                    .isEqualTo("role");
        }
        problem(server.postJson("/v1/account/users", "{\"email\":\"x@example.io\",\"password\":\"correct horse\",\"role\":50}",
                PK, "pk_a", "Authorization", admin.bearer()), 400, "invalid-input");
        problem(calls.nativeAdd(admin, "MEMBER@example.io", null), 409, "email-already-in-use");
        problem(calls.nativeAdd(member, "friend@example.io", null), 403, "not-permitted");
        problem(calls.nativeAdd(member, "friend@example.io", "account_admin"), 403, "not-permitted");
        assertThat(json(account(admin).body()).get("memberCount").asLong()).isEqualTo(2);
    }

    // ---------------------------------------------------------------- PATCH and DELETE /v1/account/users/{id}

    @Test
    void adminChangesARoleAndTheUsersSessionsEnd() {
        Member admin = calls.signUp("pk_a", "admin@example.io");
        Member member = calls.addAndSignIn(admin, "member@example.io", null);

        HttpResponse<String> promoted = calls.nativeChangeRole(admin, member.userId(), "account_admin");

        assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(200);
        JsonNode user = json(promoted.body());
        assertThat(fieldNames(user)).containsExactlyElementsOf(USER_FIELDS);
        assertThat(user.get("role").asText()).isEqualTo("account_admin");
        assertThat(calls.meStatus(member)).as("the old token carried the old role").isEqualTo(401);
        Member again = calls.signIn("pk_a", "member@example.io");
        assertThat(json(server.get("/v1/me", PK, "pk_a", "Authorization", again.bearer()).body()).get("role").asText())
                .isEqualTo("account_admin");
        assertThat(calls.meStatus(admin)).isEqualTo(200);
    }

    @Test
    void changeRoleRefusesMissingOrUnknownRolesAndMalformedIds() {
        Member admin = calls.signUp("pk_a", "admin@example.io");
        Member member = calls.addAndSignIn(admin, "member@example.io", null);
        for (String body : List.of("{}", "{\"role\":null}", "{\"role\":0}", "{\"role\":\"Admin\"}")) {
            assertThat(problem(calls.send(admin, "PATCH", "/v1/account/users/" + member.userId(), body), 400,
                    "invalid-input").get("field").asText()).as(body).isEqualTo("role");
        }
        assertThat(problem(calls.nativeChangeRole(admin, "not-a-uuid", "user"), 400, "invalid-input")
                .get("field").asText()).isEqualTo("id");
        problem(calls.send(admin, "PATCH", "/v1/account/users/" + member.userId(), null), 415, "unsupported-media-type");
    }

    @Test
    void adminRemovesAUserWith204AndTheirTokenStopsWorking() {
        Member admin = calls.signUp("pk_a", "admin@example.io");
        Member member = calls.addAndSignIn(admin, "member@example.io", null);

        HttpResponse<String> removed = calls.nativeRemove(admin, member.userId());

        assertThat(removed.statusCode()).isEqualTo(204);
        assertThat(removed.body()).isEmpty();
        assertThat(calls.meStatus(member)).isEqualTo(401);
        problem(calls.nativeRemove(admin, member.userId()), 404, "user-not-found");
        assertThat(json(account(admin).body()).get("memberCount").asLong()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- escalation

    @Test
    void aRoleZeroUserCannotPromoteThemselvesNorTouchOthers() {
        Member admin = calls.signUp("pk_a", "admin@example.io");
        Member member = calls.addAndSignIn(admin, "member@example.io", null);
        Member peer = calls.addAndSignIn(admin, "peer@example.io", null);

        problem(calls.nativeChangeRole(member, member.userId(), "account_admin"), 403, "not-permitted");
        problem(calls.nativeChangeRole(member, member.userId(), "root"), 403, "not-permitted");
        problem(calls.nativeChangeRole(member, admin.userId(), "user"), 403, "not-permitted");
        problem(calls.nativeChangeRole(member, peer.userId(), "account_admin"), 403, "not-permitted");
        problem(calls.nativeRemove(member, peer.userId()), 403, "not-permitted");
        problem(calls.nativeRemove(member, admin.userId()), 403, "not-permitted");
        assertThat(json(server.get("/v1/me", PK, "pk_a", "Authorization", member.bearer()).body()).get("role").asText())
                .isEqualTo("user");
        assertThat(calls.meStatus(peer)).isEqualTo(200);
    }

    @Test
    void anAdminCannotGrantRootToAnyoneIncludingThemselves() {
        Member admin = calls.signUp("pk_a", "admin@example.io");
        Member member = calls.addAndSignIn(admin, "member@example.io", null);

        JsonNode refused = problem(calls.nativeChangeRole(admin, member.userId(), "root"), 403, "not-permitted");
        assertThat(refused.get("detail").asText()).isEqualTo("the root role is granted only by the operator");
        problem(calls.nativeChangeRole(admin, admin.userId(), "root"), 403, "not-permitted");
        assertThat(calls.meStatus(member)).as("a refused change ends nothing").isEqualTo(200);
    }

    @Test
    void theLastAdminCanBeNeitherDemotedNorRemoved() {
        Member admin = calls.signUp("pk_a", "admin@example.io");
        calls.addAndSignIn(admin, "member@example.io", null);

        JsonNode demote = problem(calls.nativeChangeRole(admin, admin.userId(), "user"), 409, "last-admin-required");
        assertThat(demote.get("detail").asText()).isEqualTo("an account must keep at least one admin");
        problem(calls.nativeRemove(admin, admin.userId()), 409, "last-admin-required");
        assertThat(calls.meStatus(admin)).isEqualTo(200);

        Member deputy = calls.addAndSignIn(admin, "deputy@example.io", "account_admin");
        assertThat(calls.nativeChangeRole(deputy, admin.userId(), "user").statusCode()).isEqualTo(200);
        problem(calls.nativeChangeRole(deputy, deputy.userId(), "user"), 409, "last-admin-required");
    }

    // ---------------------------------------------------------------- GET /v1/account/users

    @Test
    void pagesThroughTheUsersTwoAtATimeUntilNextCursorIsNull() {
        Member admin = calls.signUp("pk_a", "admin@example.io");
        for (int i = 1; i <= 4; i++) {
            assertThat(calls.nativeAdd(admin, "user" + i + "@example.io", null).statusCode()).isEqualTo(201);
        }
        calls.signUp("pk_a", "stranger@example.io");

        List<String> emails = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            HttpResponse<String> page = list(admin, "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            JsonNode body = json(page.body());
            assertThat(fieldNames(body)).containsExactly("users", "nextCursor");
            body.get("users").forEach(user -> {
                assertThat(fieldNames(user)).containsExactlyElementsOf(USER_FIELDS);
                emails.add(user.get("email").asText());
            });
            assertThat(body.get("users").size()).isLessThanOrEqualTo(2);
            cursor = body.get("nextCursor").isNull() ? null : body.get("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(emails).containsExactly("admin@example.io", "user1@example.io", "user2@example.io", "user3@example.io",
                "user4@example.io");
    }

    @Test
    void theDefaultPageHoldsFiftyAndTheLastPageSaysNullNotAbsent() {
        Member admin = calls.signUp("pk_a", "admin@example.io");
        HttpResponse<String> page = list(admin, "");
        assertThat(page.body()).contains("\"nextCursor\":null");
        assertThat(json(page.body()).get("users")).hasSize(1);
        assertThat(list(admin, "?limit=100").statusCode()).isEqualTo(200);
        assertThat(list(admin, "?limit=1").statusCode()).isEqualTo(200);
    }

    @Test
    void filtersByRoleAndCaseInsensitiveEmailPrefix() {
        Member admin = calls.signUp("pk_a", "admin@example.io");
        calls.nativeAdd(admin, "alice@example.io", null);
        calls.nativeAdd(admin, "albert@example.io", "account_admin");
        calls.nativeAdd(admin, "bob@example.io", null);

        assertThat(emails(list(admin, "?role=user"))).containsExactly("alice@example.io", "bob@example.io");
        assertThat(emails(list(admin, "?role=account_admin"))).containsExactly("admin@example.io", "albert@example.io");
        assertThat(emails(list(admin, "?role=root"))).isEmpty();
        assertThat(emails(list(admin, "?emailPrefix=AL"))).containsExactly("alice@example.io", "albert@example.io");
        assertThat(emails(list(admin, "?emailPrefix=al&role=user"))).containsExactly("alice@example.io");
        assertThat(emails(list(admin, "?emailPrefix="))).hasSize(4);
    }

    @Test
    void badLimitsCursorsRolesAndPrefixesAre400NamingTheParameter() {
        Member admin = calls.signUp("pk_a", "admin@example.io");
        calls.nativeAdd(admin, "user1@example.io", null);
        String realCursor = json(list(admin, "?limit=1").body()).get("nextCursor").asText();
        assertThat(realCursor).isNotBlank();

        for (String query : List.of("?limit=0", "?limit=101", "?limit=-1", "?limit=abc", "?limit=", "?limit=1.5",
                "?limit=99999999999")) {
            assertThat(problem(list(admin, query), 400, "invalid-input").get("field").asText()).as(query).isEqualTo("limit");
        }
        for (String query : List.of("?cursor=nonsense", "?cursor=", "?cursor=" + realCursor + "x",
                "?cursor=bm90LWEtY3Vyc29y", "?cursor=" + "A".repeat(5000))) {
            assertThat(problem(list(admin, query), 400, "invalid-input").get("field").asText()).as(query).isEqualTo("cursor");
        }
        for (String query : List.of("?role=admin", "?role=", "?role=USER", "?role=50")) {
            assertThat(problem(list(admin, query), 400, "invalid-input").get("field").asText()).as(query).isEqualTo("role");
        }
        for (String query : List.of("?emailPrefix=%00", "?emailPrefix=" + "a".repeat(255))) {
            assertThat(problem(list(admin, query), 400, "invalid-input").get("field").asText()).as(query)
                    .isEqualTo("emailPrefix");
        }
        assertThat(list(admin, "?cursor=" + realCursor).statusCode()).isEqualTo(200);
    }

    @Test
    void anUnreadablePercentEncodingIs400NamingTheParameterNotIgnored() {
        Member admin = calls.signUp("pk_a", "admin@example.io");
        // java.net.http refuses to send a malformed escape, so this one goes over a raw socket
        String answer = server.raw("GET /v1/account/users?limit=%zz HTTP/1.1\r\nHost: localhost\r\nSB-PUBLIC-KEY: pk_a\r\n"
                + "Authorization: " + admin.bearer() + "\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400 ").contains("application/problem+json").contains("\"field\":\"limit\"");
    }

    @Test
    void aRoleZeroMemberMayListTheirAccount() {
        Member admin = calls.signUp("pk_a", "admin@example.io");
        Member member = calls.addAndSignIn(admin, "member@example.io", null);
        assertThat(emails(list(member, ""))).containsExactly("admin@example.io", "member@example.io");
    }

    private HttpResponse<String> account(Member member) {
        return server.get("/v1/account", PK, member.publicKey(), "Authorization", member.bearer());
    }

    private HttpResponse<String> list(Member member, String query) {
        return server.get("/v1/account/users" + query, PK, member.publicKey(), "Authorization", member.bearer());
    }

    private static List<String> emails(HttpResponse<String> page) {
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        List<String> emails = new ArrayList<>();
        json(page.body()).get("users").forEach(user -> emails.add(user.get("email").asText()));
        return emails;
    }
}
