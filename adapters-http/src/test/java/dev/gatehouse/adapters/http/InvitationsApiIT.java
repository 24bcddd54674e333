package dev.gatehouse.adapters.http;

import static dev.gatehouse.adapters.http.AccountCalls.PK;
import static dev.gatehouse.adapters.http.AccountCalls.json;
import static dev.gatehouse.adapters.http.CompatApiIT.fieldNames;
import static dev.gatehouse.adapters.http.ErrorShape.problem;
import static dev.gatehouse.adapters.http.RootCalls.rootToken;
import static dev.gatehouse.adapters.http.RootCalls.secretKey;
import static dev.gatehouse.adapters.http.RootCalls.secretKeyAsBearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.adapters.http.AccountCalls.Member;
import dev.gatehouse.adapters.http.RootCalls.Credential;
import dev.gatehouse.application.fakes.FakeWorld;
import dev.gatehouse.application.support.Settings;
import dev.gatehouse.application.tenants.port.in.ProvisionTenantUseCase;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Invitations over a real socket (one server in dev mode for the class; each test on accounts and addresses of its
 * own): the mail read from the dev mailbox, acceptance as a sign-in, reuse, revocation, expiry, the callers who may and
 * may not act on which account, ADR 0026's rule for an address that has a user, every error as problem+json, every
 * answer held to the OpenAPI document.
 */
class InvitationsApiIT {
    private static final String APP = "https://app.example.io/join";
    private static final Pattern TOKEN = Pattern.compile("[?&]token=([^&\\s\"]+)");
    private static final List<String> INVITATION_FIELDS = List.of("id", "email", "role", "expires", "accountId");

    private static TestServer server;
    private static AccountCalls accounts;
    private static RootCalls roots;
    private static String pk;
    private static Credential root;

    @BeforeAll
    static void start() {
        FakeWorld world = new FakeWorld(Settings.DEFAULT.withDevMode(true).withTenantCacheTtl(Duration.ZERO));
        server = TestServer.start(world, config -> config.withDevMode(true));
        accounts = new AccountCalls(server);
        roots = new RootCalls(server);
        ProvisionTenantUseCase.Provisioned tenant = roots.provision("owner@invitations.io");
        pk = tenant.tenant().publicKey();
        root = rootToken(pk, tenant.rootToken());
        server.world.tenants.updateSettings(tenant.tenant().id(), tenant.tenant().settings()
                .withAllowedRedirectUrls(Set.of(APP)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String body(String email, String role, String accountId) {
        return "{\"email\":\"" + email + "\",\"redirectUrl\":\"" + APP + "\"" + (role == null ? "" : ",\"role\":\"" + role + "\"")
                + (accountId == null ? "" : ",\"accountId\":\"" + accountId + "\"") + "}";
    }

    private static HttpResponse<String> invite(Member admin, String email, String role) {
        return accounts.send(admin, "POST", "/v1/account/invitations", body(email, role, null));
    }

    private static HttpResponse<String> acceptBody(String json, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = PK;
        all[1] = pk;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return server.postJson("/v1/invitations/accept", json, all);
    }

    private static HttpResponse<String> accept(String token) {
        return acceptBody("{\"token\":\"" + token + "\",\"password\":\"" + AccountCalls.PASSWORD + "\"}");
    }

    /** The token of the newest mail to the address, as the dev mailbox shows it to the root token. */
    private static String tokenMailedTo(String email) {
        HttpResponse<String> mailbox = roots.send(root, "GET", "/v1/dev/mailbox?to=" + email, null);
        assertThat(mailbox.statusCode()).as(mailbox.body()).isEqualTo(200);
        JsonNode newest = json(mailbox.body()).get(0);
        assertThat(newest.get("subject").asText()).startsWith("You are invited to");
        Matcher m = TOKEN.matcher(newest.get("text").asText());
        assertThat(m.find()).as(newest.toString()).isTrue();
        return URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    }

    private static JsonNode created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(response.headers().allValues("Content-Type")).containsExactly("application/json");
        JsonNode invitation = json(response.body());
        assertThat(fieldNames(invitation)).containsExactlyElementsOf(INVITATION_FIELDS);
        return invitation;
    }

    private static HttpResponse<String> list(Member caller) {
        return accounts.send(caller, "GET", "/v1/account/invitations", null);
    }

    @Test
    void anInvitedAddressGetsAMailWhoseLinkCreatesAVerifiedUserInTheAccountWithTheRoleOnce() {
        Member admin = accounts.signUp(pk, "admin-1@acme.io");

        JsonNode invitation = created(invite(admin, "New-1@Example.io", "account_admin"));
        String token = tokenMailedTo("new-1@example.io");

        assertThat(invitation.get("email").asText()).isEqualTo("new-1@example.io");
        assertThat(invitation.get("role").asText()).isEqualTo("account_admin");
        assertThat(invitation.get("accountId").asText()).isEqualTo(admin.accountId());
        assertThat(Instant.parse(invitation.get("expires").asText())).isEqualTo(server.world.clock.now().plus(Duration.ofDays(7)));
        assertThat(token).startsWith("inv_");
        JsonNode pending = json(list(admin).body());
        assertThat(pending.get("invitations")).hasSize(1);
        assertThat(pending.get("invitations").get(0)).isEqualTo(invitation);
        assertThat(list(admin).body()).doesNotContain(token);

        HttpResponse<String> accepted = accept(token);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        JsonNode session = json(accepted.body());
        JsonNode signIn = json(server.postJson("/v1/auth/signin", AccountCalls.credentials("new-1@example.io"), PK, pk).body());
        assertThat(fieldNames(session)).isEqualTo(fieldNames(signIn));
        assertThat(session.get("user")).isEqualTo(signIn.get("user"));
        JsonNode me = json(server.get("/v1/me", PK, pk, "Authorization", "Bearer " + session.get("accessToken").asText()).body());
        assertThat(me.get("accountId").asText()).isEqualTo(admin.accountId());
        assertThat(me.get("role").asText()).isEqualTo("account_admin");
        assertThat(me.get("emailVerified").asBoolean()).isTrue();
        JsonNode asAdmin = json(roots.send(root, "GET", "/v1/admin/users/" + me.get("id").asText(), null).body());
        assertThat(asAdmin.get("emailVerified").asBoolean()).isTrue();
        assertThat(asAdmin.get("accountId").asText()).isEqualTo(admin.accountId());

        JsonNode reused = problem(accept(token), 400, "invalid-code");
        assertThat(reused.get("field").asText()).isEqualTo("token");
        assertThat(json(list(admin).body()).get("invitations")).isEmpty();
        assertThat(roots.send(root, "GET", "/v1/admin/audit-events?type=INVITATION_ACCEPTED", null).body())
                .contains("INVITATION_ACCEPTED").doesNotContain(token).doesNotContain("new-1@example.io");
    }

    @Test
    void revokedReplacedAndExpiredLinksAreRefusedAsAnUnknownOneIs() {
        Member admin = accounts.signUp(pk, "admin-2@acme.io");
        JsonNode revokedOne = created(invite(admin, "revoked-2@example.io", null));
        String revokedToken = tokenMailedTo("revoked-2@example.io");
        JsonNode first = created(invite(admin, "resent-2@example.io", "user"));
        String replacedToken = tokenMailedTo("resent-2@example.io");
        server.world.clock.advance(Duration.ofSeconds(1)); // the dev mailbox shows the newest mail first
        JsonNode again = created(invite(admin, "resent-2@example.io", "user"));
        String currentToken = tokenMailedTo("resent-2@example.io");

        assertThat(accounts.send(admin, "DELETE", "/v1/account/invitations/" + revokedOne.get("id").asText(), null)
                .statusCode()).isEqualTo(204);
        problem(accounts.send(admin, "DELETE", "/v1/account/invitations/" + revokedOne.get("id").asText(), null), 404,
                "not-found");
        assertThat(again.get("id")).isEqualTo(first.get("id"));
        assertThat(currentToken).isNotEqualTo(replacedToken);

        JsonNode unknown = problem(accept("inv_unknown"), 400, "invalid-code");
        for (String refused : List.of(revokedToken, replacedToken)) {
            assertThat(problem(accept(refused), 400, "invalid-code")).isEqualTo(unknown);
        }
        problem(acceptBody("{}"), 400, "invalid-code");
        server.world.clock.advance(Duration.ofDays(7));
        assertThat(problem(accept(currentToken), 400, "invalid-code")).isEqualTo(unknown);
    }

    @Test
    void anAdminOfAnotherAccountCannotSeeOrTouchTheInvitationsAndAPlainUserMayNotInvite() {
        Member adminA = accounts.signUp(pk, "admin-a3@acme.io");
        Member adminB = accounts.signUp(pk, "admin-b3@globex.io");
        Member userA = accounts.addAndSignIn(adminA, "user-a3@acme.io", "user");
        String idOfA = created(invite(adminA, "invitee-3@example.io", null)).get("id").asText();

        problem(accounts.send(adminB, "DELETE", "/v1/account/invitations/" + idOfA, null), 404, "not-found");
        problem(accounts.send(adminB, "GET", "/v1/account/invitations?accountId=" + adminA.accountId(), null), 400,
                "invalid-input");
        problem(accounts.send(adminB, "POST", "/v1/account/invitations", body("x3@example.io", null,
                adminA.accountId())), 400, "invalid-input");
        problem(invite(userA, "x3@example.io", null), 403, "not-permitted");
        problem(list(userA), 403, "not-permitted");
        problem(accounts.send(userA, "DELETE", "/v1/account/invitations/" + idOfA, null), 403, "not-permitted");
        problem(server.get("/v1/account/invitations", PK, pk), 401, "unauthenticated");
        problem(accounts.send(adminA, "DELETE", "/v1/account/invitations/not-an-id", null), 400, "invalid-input");
        assertThat(json(list(adminA).body()).get("invitations")).hasSize(1);
        assertThat(json(list(adminB).body()).get("invitations")).isEmpty();
    }

    @Test
    void roleRedirectAndAddressRulesAnswerClearProblems() {
        Member admin = accounts.signUp(pk, "admin-4@acme.io");
        accounts.addAndSignIn(admin, "member-4@acme.io", "user");

        assertThat(problem(invite(admin, "x4@example.io", "root"), 400, "invalid-input").get("field").asText())
                .isEqualTo("role");
        assertThat(problem(invite(admin, "x4@example.io", "admin"), 400, "invalid-input").get("field").asText())
                .isEqualTo("role");
        assertThat(problem(accounts.send(admin, "POST", "/v1/account/invitations",
                "{\"email\":\"x4@example.io\",\"redirectUrl\":\"https://evil.example.net/join\"}"), 400, "invalid-input")
                .get("field").asText()).isEqualTo("redirectUrl");
        assertThat(problem(accounts.send(admin, "POST", "/v1/account/invitations", "{\"redirectUrl\":\"" + APP + "\"}"),
                400, "invalid-input").get("field").asText()).isEqualTo("email");
        assertThat(problem(invite(admin, "MEMBER-4@acme.io", null), 409, "invitation-conflict").get("detail").asText())
                .contains("already belongs to a member");
        created(invite(admin, "deputy-4@example.io", "account_admin"));
        assertThat(server.world.mailOutbox.latestTo("x4@example.io")).isEmpty();
    }

    @Test
    void theRootTokenAndAUsersWriteKeyInviteToANamedAccountAScopedKeyWithoutItIsRefused() {
        Member admin = accounts.signUp(pk, "admin-5@acme.io");
        String account = admin.accountId();
        Credential writer = secretKey(roots.secret(root, "users:write"));
        Credential reader = secretKeyAsBearer(roots.secret(root, "users:read"));
        Credential other = secretKey(roots.secret(root, "sessions:admin"));

        JsonNode byRoot = created(roots.send(root, "POST", "/v1/account/invitations", body("root-5@example.io",
                "account_admin", account)));
        created(roots.send(writer, "POST", "/v1/account/invitations", body("key-5@example.io", null, account)));
        assertThat(json(roots.send(root, "GET", "/v1/dev/mailbox?to=root-5@example.io", null).body()).get(0)
                .get("text").asText()).contains("Tenant of owner@invitations.io invited root-5@example.io");

        problem(roots.send(root, "POST", "/v1/account/invitations", body("x5@example.io", null, null)), 400, "invalid-input");
        problem(roots.send(reader, "POST", "/v1/account/invitations", body("x5@example.io", null, account)), 403,
                "not-permitted");
        problem(roots.send(other, "GET", "/v1/account/invitations?accountId=" + account, null), 403, "not-permitted");
        problem(roots.send(reader, "DELETE", "/v1/account/invitations/" + byRoot.get("id").asText(), null), 403,
                "not-permitted");
        problem(roots.send(reader, "GET", "/v1/account/invitations", null), 400, "invalid-input");
        JsonNode page = json(roots.send(reader, "GET", "/v1/account/invitations?accountId=" + account + "&limit=1", null).body());
        assertThat(page.get("invitations")).hasSize(1);
        assertThat(page.get("nextCursor").isNull()).isFalse();
        assertThat(roots.send(writer, "DELETE", "/v1/account/invitations/" + byRoot.get("id").asText(), null).statusCode())
                .isEqualTo(204);
        problem(roots.send(RootCalls.rootToken(pk, "gh_root_wrong"), "GET", "/v1/account/invitations?accountId=" + account,
                null), 401, "unauthenticated");

        HttpResponse<String> accepted = accept(tokenMailedTo("key-5@example.io"));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(json(accepted.body()).get("user").get("accountId").asText()).isEqualTo(account);
    }

    @Test
    void anExistingUserAcceptsOnlySignedInAsThemselvesAndAloneInTheirAccountThenMovesWithFreshTokens() {
        Member admin = accounts.signUp(pk, "admin-6@acme.io");
        Member ann = accounts.signUp(pk, "ann-6@example.io");
        Member bob = accounts.signUp(pk, "bob-6@example.io");
        created(invite(admin, "ann-6@example.io", "user"));
        String token = tokenMailedTo("ann-6@example.io");
        String withoutPassword = "{\"token\":\"" + token + "\"}";

        JsonNode anonymous = problem(acceptBody(withoutPassword), 409, "invitation-conflict");
        assertThat(anonymous.get("detail").asText()).contains("sign in as the invited user");
        assertThat(problem(acceptBody(withoutPassword, "Authorization", bob.bearer()), 409, "invitation-conflict"))
                .isEqualTo(anonymous);
        problem(acceptBody(withoutPassword, "Authorization", "Bearer not.a.token"), 401, "unauthenticated");

        HttpResponse<String> moved = acceptBody(withoutPassword, "Authorization", ann.bearer());

        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        JsonNode session = json(moved.body());
        assertThat(session.get("user").get("accountId").asText()).isEqualTo(admin.accountId());
        assertThat(session.get("user").get("role").asText()).isEqualTo("user");
        assertThat(session.get("user").get("emailVerified").asBoolean()).isTrue();
        assertThat(accounts.meStatus(ann)).as("the old session").isEqualTo(401);
        assertThat(server.get("/v1/me", PK, pk, "Authorization", "Bearer " + session.get("accessToken").asText())
                .statusCode()).isEqualTo(200);
        JsonNode members = json(list(accounts.signIn(pk, "admin-6@acme.io")).body());
        assertThat(members.get("invitations")).isEmpty();
        problem(acceptBody(withoutPassword, "Authorization", "Bearer " + session.get("accessToken").asText()), 400,
                "invalid-code");
    }

    @Test
    void aUserSharingTheirAccountIsToldToLeaveItFirst() {
        Member admin = accounts.signUp(pk, "admin-7@acme.io");
        Member carol = accounts.signUp(pk, "carol-7@example.io");
        accounts.addAndSignIn(carol, "carols-friend-7@example.io", "user");
        created(invite(admin, "carol-7@example.io", "account_admin"));

        JsonNode refused = problem(acceptBody("{\"token\":\"" + tokenMailedTo("carol-7@example.io") + "\"}",
                "Authorization", carol.bearer()), 409, "invitation-conflict");

        assertThat(refused.get("detail").asText()).contains("leave it");
        assertThat(accounts.meStatus(carol)).isEqualTo(200);
    }
}
