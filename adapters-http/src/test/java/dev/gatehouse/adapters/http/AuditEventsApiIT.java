package dev.gatehouse.adapters.http;

import static dev.gatehouse.adapters.http.AccountCalls.PASSWORD;
import static dev.gatehouse.adapters.http.AccountCalls.json;
import static dev.gatehouse.adapters.http.ErrorShape.problem;
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
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/admin/audit-events} over a real socket: a full scenario of security events, each recorded
 * with actor, subject and client and none carrying a secret of the scenario; tenant isolation; the scope;
 * filters and keyset pages; malformed parameters.
 */
class AuditEventsApiIT {
    private static final String PK = "SB-PUBLIC-KEY";

    private TestServer server;
    private RootCalls calls;
    private AccountCalls accounts;
    private ProvisionTenantUseCase.Provisioned a;
    private ProvisionTenantUseCase.Provisioned b;
    private Credential rootOfA;
    private Credential rootOfB;
    private final List<String> secrets = new ArrayList<>();

    @BeforeEach
    void start() {
        server = TestServer.start(new FakeWorld(Settings.DEFAULT.withTenantCacheTtl(Duration.ZERO)));
        calls = new RootCalls(server);
        accounts = new AccountCalls(server);
        a = calls.provision("owner-a@example.io");
        b = calls.provision("owner-b@example.io");
        rootOfA = rootToken(a.tenant().publicKey(), a.rootToken());
        rootOfB = rootToken(b.tenant().publicKey(), b.rootToken());
        secrets.addAll(List.of(PASSWORD, a.rootToken(), b.rootToken(), a.ownerPassword(), b.ownerPassword()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> events(Credential credential, String query) {
        return calls.send(credential, "GET", "/v1/admin/audit-events" + query, null);
    }

    private JsonNode page(Credential credential, String query) {
        HttpResponse<String> response = events(credential, query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertNoSecretIn(response.body());
        return json(response.body());
    }

    private List<String> types(JsonNode page) {
        List<String> types = new ArrayList<>();
        page.get("events").forEach(e -> types.add(e.get("type").asText()));
        return types;
    }

    private void assertNoSecretIn(String body) {
        for (String secret : secrets) {
            assertThat(body).as("the audit log must not contain a secret").doesNotContain(secret);
        }
    }

    /** Signs up over /v1 and remembers the tokens it was given as secrets. */
    private Member signUp(String publicKey, String email) {
        HttpResponse<String> response = server.postJson("/v1/auth/signup",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}", PK, publicKey);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        rememberTokens(response.body());
        return accounts.signIn(publicKey, email);
    }

    private void rememberTokens(String body) {
        JsonNode auth = json(body);
        for (String field : new String[] {"accessToken", "refreshToken", "token", "secret"}) {
            if (auth.hasNonNull(field)) {
                secrets.add(auth.get(field).asText());
            }
        }
    }

    @Test
    void aFullScenarioIsRecordedNewestFirstWithActorsAndClientsAndNoSecret() {
        String pk = a.tenant().publicKey();
        Member admin = signUp(pk, "admin@acme.io");
        secrets.add(admin.token());
        HttpResponse<String> unknown = server.postJson("/v1/auth/signin",
                "{\"email\":\"ghost@acme.io\",\"password\":\"" + PASSWORD + "\"}", PK, pk);
        HttpResponse<String> wrong = server.postJson("/v1/auth/signin",
                "{\"email\":\"admin@acme.io\",\"password\":\"Wrong-Horse-Battery-9\"}", PK, pk);
        secrets.add("Wrong-Horse-Battery-9");
        assertThat(wrong.statusCode()).isEqualTo(unknown.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).as("the caller cannot tell the reasons apart").isEqualTo(unknown.body());
        Member member = accounts.addAndSignIn(admin, "member@acme.io", null);
        secrets.add(member.token());
        assertThat(accounts.nativeChangeRole(admin, member.userId(), "account_admin").statusCode()).isEqualTo(200);
        assertThat(accounts.nativeRemove(admin, member.userId()).statusCode()).isEqualTo(204);
        HttpResponse<String> sudo = accounts.sudo(pk, "Bearer " + a.rootToken(), admin.accountId());
        assertThat(sudo.statusCode()).isEqualTo(200);
        secrets.add(json(sudo.body()).asText());
        JsonNode key = calls.createSecretKey(rootOfA, "users:read");
        secrets.add(key.get("secret").asText());
        assertThat(calls.revokeKey(rootOfA, key.get("id").asText()).statusCode()).isEqualTo(204);
        assertThat(accounts.send(admin, "POST", "/v1/auth/signout", null).statusCode()).isEqualTo(204);

        JsonNode page = page(rootOfA, "?limit=100");

        assertThat(types(page)).containsSubsequence("LOGOUT", "API_KEY_REVOKED", "API_KEY_CREATED", "IMPERSONATION",
                "USER_REMOVED", "ROLE_CHANGED", "USER_ADDED", "LOGIN_FAILED", "LOGIN_FAILED", "SIGN_UP");
        JsonNode failedForUnknown = null;
        JsonNode failedForWrong = null;
        JsonNode impersonation = null;
        for (JsonNode event : page.get("events")) {
            assertThat(event.get("ip").asText()).as("client address").isNotEmpty();
            assertThat(event.get("time").asText()).isNotEmpty();
            if (event.get("type").asText().equals("LOGIN_FAILED")) {
                if (event.get("details").get("reason").asText().equals("unknownEmail")) {
                    failedForUnknown = event;
                } else {
                    failedForWrong = event;
                }
            }
            if (event.get("type").asText().equals("IMPERSONATION")) {
                impersonation = event;
            }
        }
        assertThat(failedForUnknown).isNotNull();
        assertThat(failedForUnknown.get("subject").isNull()).isTrue();
        assertThat(failedForWrong.get("subject").asText()).isEqualTo(admin.userId());
        assertThat(failedForWrong.get("details").get("reason").asText()).isEqualTo("wrongPassword");
        assertThat(impersonation.get("actor").asText()).isEqualTo("root");
        assertThat(impersonation.get("subject").asText()).isEqualTo(admin.userId());
        assertThat(impersonation.get("details").get("accountId").asText()).isEqualTo(admin.accountId());
        assertThat(page.get("nextCursor").isNull()).isTrue();
    }

    private String mailedCode(String regex, String to) {
        String text = server.world.mailOutbox.latestTo(to).orElseThrow().text();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in %s", regex, text).isTrue();
        String code = java.net.URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
        secrets.add(code);
        return code;
    }

    @Test
    void recoverySettingsAndTemplateEventsCarryNoCodeOrPassword() {
        String pk = a.tenant().publicKey();
        String app = "https://app.example.com/welcome";
        HttpResponse<String> patched = calls.send(rootOfA, "PATCH", "/v1/admin/settings",
                "{\"allowedRedirectUrls\": [\"" + app + "\"]}");
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        Member ada = signUp(pk, "ada.lovelace@a.io");
        String second = "Analytical-Engine-1843";
        String third = "Difference-Engine-1822";
        secrets.addAll(List.of(second, third));

        assertThat(server.postJson("/v1/auth/password/forgot", "{\"email\":\"ada.lovelace@a.io\"}", PK, pk)
                .statusCode()).isEqualTo(202);
        String resetCode = mailedCode("reset code: (\\S+)", "ada.lovelace@a.io");
        assertThat(server.postJson("/v1/auth/password/reset", "{\"email\":\"ada.lovelace@a.io\",\"code\":\""
                + resetCode + "\",\"password\":\"" + second + "\"}", PK, pk).statusCode()).isEqualTo(204);
        HttpResponse<String> signedIn = server.postJson("/v1/auth/signin",
                "{\"email\":\"ada.lovelace@a.io\",\"password\":\"" + second + "\"}", PK, pk);
        rememberTokens(signedIn.body());
        String token = json(signedIn.body()).get("accessToken").asText();
        assertThat(server.postJson("/v1/auth/password/change", "{\"currentPassword\":\"" + second
                + "\",\"newPassword\":\"" + third + "\"}", PK, pk, "Authorization", "Bearer " + token).statusCode())
                .isEqualTo(204);
        assertThat(server.postJson("/v1/auth/magic-link", "{\"email\":\"ada.lovelace@a.io\",\"redirectUrl\":\""
                + app + "\"}", PK, pk).statusCode()).isEqualTo(202);
        String magicCode = mailedCode("\\?code=([^&\\s\"]+)&", "ada.lovelace@a.io");
        HttpResponse<String> magic = server.postJson("/v1/auth/magic-link/verify", "{\"email\":\"ada.lovelace@a.io\","
                + "\"code\":\"" + magicCode + "\"}", PK, pk);
        assertThat(magic.statusCode()).as(magic.body()).isEqualTo(200);
        rememberTokens(magic.body());
        HttpResponse<String> template = calls.send(rootOfA, "PUT", "/v1/admin/email-templates/password-reset",
                "{\"subject\":\"Reset\",\"text\":\"Code: {{code}}\\nLink: {{link}}\",\"html\":\"<p>{{code}}</p>\"}");
        assertThat(template.statusCode()).as(template.body()).isEqualTo(200);

        JsonNode page = page(rootOfA, "?limit=100");
        assertThat(types(page)).contains("TENANT_SETTINGS_CHANGED", "PASSWORD_RESET_REQUESTED",
                "PASSWORD_RESET_COMPLETED", "PASSWORD_CHANGED", "MAGIC_LINK_REQUESTED", "MAGIC_LINK_USED",
                "EMAIL_TEMPLATE_CHANGED");
        assertThat(page(rootOfA, "?type=PASSWORD_CHANGED").get("events").get(0).get("subject").asText())
                .isEqualTo(ada.userId());
    }

    @Test
    void aTenantNeverSeesAnotherTenantsEvents() {
        Member inA = signUp(a.tenant().publicKey(), "alice@a.io");
        Member inB = signUp(b.tenant().publicKey(), "bruno@b.io");
        Credential auditorOfB = secretKey(calls.secret(rootOfB, "audit:read"));

        JsonNode seenByB = page(auditorOfB, "?limit=100");
        assertThat(seenByB.get("events")).isNotEmpty();
        for (JsonNode event : seenByB.get("events")) {
            assertThat(event.toString()).doesNotContain(inA.userId()).doesNotContain("alice@a.io");
        }
        assertThat(page(rootOfB, "?user=" + inA.userId()).get("events")).isEmpty();
        assertThat(page(rootOfA, "?user=" + inB.userId()).get("events")).isEmpty();
        assertThat(page(rootOfA, "?user=" + inA.userId()).get("events")).isNotEmpty();
    }

    @Test
    void readingNeedsTheAuditReadScope() {
        Credential usersOnly = secretKey(calls.secret(rootOfA, "users:read", "users:write"));
        problem(events(usersOnly, ""), 403, "not-permitted");
        problem(events(RootCalls.none().with(PK, a.tenant().publicKey()), ""), 401, "unauthenticated");
        Credential auditor = secretKey(calls.secret(rootOfA, "audit:read"));
        assertThat(page(auditor, "").get("events")).isNotEmpty();
    }

    @Test
    void filtersByUserTypeAndTimeAndPagesThroughEveryEventOnce() {
        String pk = a.tenant().publicKey();
        Member ada = signUp(pk, "ada@a.io");
        for (int i = 0; i < 3; i++) {
            accounts.signIn(pk, "ada@a.io");
        }
        signUp(pk, "grace@a.io");

        JsonNode logins = page(rootOfA, "?type=login_succeeded&user=" + ada.userId());
        assertThat(types(logins)).hasSize(4).containsOnly("LOGIN_SUCCEEDED"); // signUp() signs in once too
        assertThat(page(rootOfA, "?from=2000-01-01T00:00:00Z&to=2001-01-01T00:00:00Z").get("events")).isEmpty();
        assertThat(page(rootOfA, "?from=" + enc("2000-01-01T00:00:00+02:00")).get("events")).isNotEmpty();

        JsonNode all = page(rootOfA, "?limit=100");
        List<String> everything = new ArrayList<>();
        all.get("events").forEach(e -> everything.add(e.toString()));
        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode next = page(rootOfA, "?limit=2" + (cursor == null ? "" : "&cursor=" + enc(cursor)));
            next.get("events").forEach(e -> paged.add(e.toString()));
            cursor = next.get("nextCursor").isNull() ? null : next.get("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 50);
        assertThat(everything).hasSize(7);
        assertThat(paged).containsExactlyElementsOf(everything); // every event once, in the same order
        assertThat(pages).isGreaterThan(2);
    }

    @Test
    void malformedParametersAre400NamingTheParameter() {
        for (String[] bad : new String[][] {
                {"?limit=0", "limit"}, {"?limit=101", "limit"}, {"?type=NOPE", "type"}, {"?from=yesterday", "from"},
                {"?to=2026-13-01T00:00:00Z", "to"}, {"?from=" + enc("+999999999-12-31T23:59:59Z"), "from"},
                {"?cursor=garbage", "cursor"}, {"?cursor=" + enc("OTk5OTk5OTk5OTk5LjA6MQ"), "cursor"},
                {"?user=not-a-uuid", "user"}, {"?user=" + enc("'; drop table audit_event; --"), "user"},
                {"?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "from"}}) {
            JsonNode problem = problem(events(rootOfA, bad[0]), 400, "invalid-input");
            assertThat(problem.get("field").asText()).as(bad[0]).isEqualTo(bad[1]);
        }
        Set<Integer> statuses = new HashSet<>();
        statuses.add(events(rootOfA, "?user=key:" + java.util.UUID.randomUUID()).statusCode());
        assertThat(statuses).containsExactly(200);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
