package dev.gatehouse.adapters.http;

import static dev.gatehouse.adapters.http.CompatApiIT.credentials;
import static dev.gatehouse.adapters.http.CompatApiIT.fieldNames;
import static dev.gatehouse.adapters.http.ErrorShape.isPlainUtf8Text;
import static dev.gatehouse.adapters.http.ErrorShape.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.application.fakes.FakeWorld;
import dev.gatehouse.application.support.Settings;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.mail.MailKind;
import dev.gatehouse.domain.mail.OutboxMail;
import dev.gatehouse.domain.tenant.Tenant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The confirmed email change over real sockets (docs/users.md#email-change): native start, confirmation and revert,
 * StaticBackend's {@code POST /me/email}, and the abuse each must withstand. One server for the class; each test works
 * on users of its own, and mails are read from the outbox as {@link RecoveryApiIT} reads them.
 */
class EmailChangeApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PK = "SB-PUBLIC-KEY";
    private static final String PASSWORD = "correct horse battery";
    private static final String APP = "https://app.example.io/account";

    private static TestServer server;
    private static String pk;

    @BeforeAll
    static void start() {
        server = TestServer.start(new FakeWorld(Settings.DEFAULT.withTenantCacheTtl(Duration.ZERO)));
        pk = tenantWithAppUrl(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String tenantWithAppUrl(TestServer on) {
        Tenant tenant = new RootCalls(on).provision("owner-" + System.nanoTime() + "@example.io").tenant();
        on.world.tenants.updateSettings(tenant.id(), tenant.settings().withAllowedRedirectUrls(Set.of(APP)));
        return tenant.publicKey();
    }

    /** A native sign-up: the tokens and the user. */
    private static JsonNode signUp(String email) {
        HttpResponse<String> answer = server.postJson("/v1/auth/signup", credentials(email, PASSWORD), PK, pk);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return json(answer);
    }

    private static JsonNode signIn(String email) {
        HttpResponse<String> answer = server.postJson("/v1/auth/signin", credentials(email, PASSWORD), PK, pk);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json(answer);
    }

    private static String bearer(JsonNode session) {
        return "Bearer " + session.get("accessToken").asText();
    }

    private static HttpResponse<String> post(String path, String body, String bearer) {
        return bearer == null ? server.postJson(path, body, PK, pk) : server.postJson(path, body, PK, pk,
                "Authorization", bearer);
    }

    private static HttpResponse<String> start(String bearer, String email) {
        return post("/v1/me/email", "{\"email\":\"" + email + "\"}", bearer);
    }

    private static HttpResponse<String> confirm(String bearer, String code) {
        return post("/v1/me/email/confirm", "{\"code\":\"" + code + "\"}", bearer);
    }

    private static HttpResponse<String> revert(String token) {
        return post("/v1/auth/email/revert", "{\"token\":\"" + token + "\"}", null);
    }

    private static List<OutboxMail> mails(String to, MailKind kind) {
        return server.world.mailOutbox.all().stream().filter(m -> m.to().equals(to) && m.kind() == kind).toList();
    }

    private static OutboxMail last(String to, MailKind kind) {
        List<OutboxMail> mails = mails(to, kind);
        assertThat(mails).as("%s to %s", kind, to).isNotEmpty();
        return mails.get(mails.size() - 1);
    }

    private static String code(String to) {
        return find("confirmation code: (\\S+)", last(to, MailKind.EMAIL_CHANGE).text());
    }

    private static String revertToken(String old) {
        return URLDecoder.decode(find("[?&]revertEmailChange=([^&\\s)]+)", last(old, MailKind.EMAIL_CHANGED).text()),
                StandardCharsets.UTF_8);
    }

    private static String find(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in %s", regex, text).isTrue();
        return m.group(1);
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The header names of an answer, without the ones that differ by nature (the request id's value aside). */
    private static Set<String> headerNames(HttpHeaders headers) {
        Set<String> names = new TreeSet<>();
        headers.map().keySet().forEach(name -> names.add(name.toLowerCase(Locale.ROOT)));
        return names;
    }

    @Test
    void aChangeStartsAnswersAlikeForATakenAddressConfirmsWithTheMailedCodeAndTheOldAddressUndoesItOnce() {
        JsonNode ada = signUp("ada.wire@example.io");
        JsonNode other = signIn("ada.wire@example.io");
        signUp("taken.wire@example.io");

        HttpResponse<String> free = start(bearer(ada), "ada.new.wire@example.io");
        HttpResponse<String> taken = start(bearer(ada), "taken.wire@example.io");
        assertThat(free.statusCode()).isEqualTo(taken.statusCode()).isEqualTo(202);
        assertThat(free.body()).isEqualTo(taken.body()).isEmpty();
        assertThat(headerNames(free.headers())).isEqualTo(headerNames(taken.headers()));
        assertThat(free.headers().firstValue("Content-Type")).isEqualTo(taken.headers().firstValue("Content-Type"));
        assertThat(mails("taken.wire@example.io", MailKind.EMAIL_CHANGE)).as("no code to a taken address").isEmpty();
        assertThat(mails("ada.wire@example.io", MailKind.EMAIL_CHANGE_REQUESTED)).hasSize(2);
        String replaced = code("ada.new.wire@example.io");
        problem(confirm(bearer(ada), replaced), 400, "invalid-code"); // the taken start replaced it

        assertThat(start(bearer(ada), "ada.new.wire@example.io").statusCode()).isEqualTo(202);
        String code = code("ada.new.wire@example.io");
        JsonNode wrong = problem(confirm(bearer(ada), "ZZZZ-ZZZZ-ZZZZ"), 400, "invalid-code");
        assertThat(wrong.get("field").asText()).isEqualTo("code");
        HttpResponse<String> confirmed = confirm(bearer(ada), code.toLowerCase(Locale.ROOT));
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        JsonNode user = json(confirmed);
        assertThat(fieldNames(user)).containsSubsequence("id", "accountId", "email", "role", "status", "created",
                "emailVerified"); // and the profile, as GET /v1/me shows it (compared below)
        assertThat(user.get("email").asText()).isEqualTo("ada.new.wire@example.io");
        assertThat(user.get("emailVerified").asBoolean()).isTrue();
        HttpResponse<String> me = server.get("/v1/me", PK, pk, "Authorization", bearer(ada));
        assertThat(me.body()).isEqualTo(confirmed.body());
        problem(server.get("/v1/me", PK, pk, "Authorization", bearer(other)), 401, "unauthenticated");
        problem(confirm(bearer(ada), code), 400, "invalid-code");

        String token = revertToken("ada.wire@example.io");
        assertThat(last("ada.wire@example.io", MailKind.EMAIL_CHANGED).text()).contains(APP + "?revertEmailChange=")
                .contains("a***@example.io");
        HttpResponse<String> reverted = revert(token);
        assertThat(reverted.statusCode()).as(reverted.body()).isEqualTo(200);
        assertThat(reverted.headers().allValues("Content-Type")).containsExactly("application/json");
        assertThat(json(reverted).get("reverted").asBoolean()).isTrue();
        problem(server.get("/v1/me", PK, pk, "Authorization", bearer(ada)), 401, "unauthenticated");
        problem(revert(token), 400, "invalid-code");
        assertThat(signIn("ada.wire@example.io").get("user").get("emailVerified").asBoolean()).isTrue();
        String subject = ada.get("user").get("id").asText();
        assertThat(server.world.audit.events().stream().filter(e -> subject.equals(e.subject())).map(e -> e.type())
                .filter(t -> t.name().startsWith("EMAIL_CHANGE")))
                .containsExactly(AuditEventType.EMAIL_CHANGE_REQUESTED, AuditEventType.EMAIL_CHANGE_REQUESTED,
                        AuditEventType.EMAIL_CHANGE_REQUESTED, AuditEventType.EMAIL_CHANGED,
                        AuditEventType.EMAIL_CHANGE_REVERTED);
    }

    @Test
    void theStartNeedsAFreshProofAValidTokenAndAnotherAddress() {
        JsonNode bob = signUp("bob.wire@example.io");
        problem(start(null, "bob.new.wire@example.io"), 401, "unauthenticated");
        problem(start("Bearer not-a-token", "bob.new.wire@example.io"), 401, "unauthenticated");
        JsonNode invalid = problem(start(bearer(bob), "not an address"), 400, "invalid-input");
        assertThat(invalid.get("field").asText()).isEqualTo("email");
        assertThat(problem(start(bearer(bob), "BOB.wire@example.io"), 400, "invalid-input").get("detail").asText())
                .contains("already your address");
        problem(post("/v1/me/email", "{\"email\":42}", bearer(bob)), 400, "invalid-input");
        problem(post("/v1/me/email", "{}", bearer(bob)), 400, "invalid-input");

        server.world.clock.advance(Duration.ofMinutes(11)); // past the re-authentication window
        problem(start(bearer(bob), "bob.new.wire@example.io"), 403, "reauthentication-required");
        assertThat(mails("bob.new.wire@example.io", MailKind.EMAIL_CHANGE)).isEmpty();
        HttpResponse<String> renewed = post("/v1/auth/reauthenticate", "{\"password\":\"" + PASSWORD + "\"}",
                bearer(bob));
        assertThat(renewed.statusCode()).as(renewed.body()).isEqualTo(200);
        assertThat(start(bearer(bob), "bob.new.wire@example.io").statusCode()).isEqualTo(202);

        server.world.clock.advance(Duration.ofMinutes(16)); // the access token has expired
        problem(confirm(bearer(bob), code("bob.new.wire@example.io")), 401, "unauthenticated");
        problem(start(bearer(bob), "bob.other.wire@example.io"), 401, "unauthenticated");
    }

    @Test
    void codeGuessesStopAfterFiveAndAnotherUsersCodeIsNothing() {
        JsonNode cy = signUp("cy.wire@example.io");
        JsonNode dee = signUp("dee.wire@example.io");
        assertThat(start(bearer(cy), "cy.new.wire@example.io").statusCode()).isEqualTo(202);
        String code = code("cy.new.wire@example.io");

        problem(confirm(bearer(dee), code), 400, "invalid-code");
        for (int i = 0; i < 5; i++) {
            problem(confirm(bearer(cy), "WRONGWRONG2" + i), 400, "invalid-code");
        }
        problem(confirm(bearer(cy), code), 400, "invalid-code");
        assertThat(signIn("cy.wire@example.io").get("user").get("email").asText()).isEqualTo("cy.wire@example.io");
    }

    @Test
    void staticBackendsRouteAnswersTrueForFreeAndTakenAlikeWithoutStepUpAndNotifiesTheCurrentAddressAtOnce()
            throws Exception {
        HttpResponse<String> registered = server.postJson("/register", credentials("eve.compat@example.io", PASSWORD),
                PK, pk);
        assertThat(registered.statusCode()).isEqualTo(200);
        String token = "Bearer " + JSON.readTree(registered.body()).asText();
        server.postJson("/register", credentials("taken.compat@example.io", PASSWORD), PK, pk);
        server.world.clock.advance(Duration.ofMinutes(11)); // no step-up on this route: the compat token is enough

        HttpResponse<String> taken = server.postJson("/me/email", "{\"email\":\"taken.compat@example.io\"}", PK, pk,
                "Authorization", token);
        HttpResponse<String> free = server.postJson("/me/email", "{\"email\":\"eve.new.compat@example.io\"}", PK, pk,
                "Authorization", token);
        for (HttpResponse<String> answer : List.of(taken, free)) {
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("true");
            assertThat(answer.headers().allValues("Content-Type")).containsExactly("application/json");
        }
        assertThat(headerNames(taken.headers())).isEqualTo(headerNames(free.headers()));
        assertThat(mails("taken.compat@example.io", MailKind.EMAIL_CHANGE)).isEmpty();
        assertThat(mails("eve.compat@example.io", MailKind.EMAIL_CHANGE_REQUESTED)).as("a notice at each start")
                .hasSize(2);
        assertThat(last("eve.compat@example.io", MailKind.EMAIL_CHANGE_REQUESTED).text()).contains("e***@example.io")
                .doesNotContain("eve.new.compat");

        HttpResponse<String> anonymous = server.postJson("/me/email", "{\"email\":\"x@example.io\"}", PK, pk);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        isPlainUtf8Text(anonymous.headers().firstValue("Content-Type").orElseThrow());
        HttpResponse<String> bad = server.postJson("/me/email", "{\"email\":\"nope\"}", PK, pk, "Authorization", token);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).endsWith("\n");

        HttpResponse<String> confirmed = confirm(token, code("eve.new.compat@example.io"));
        assertThat(confirmed.statusCode()).as("the compat token confirms on the native route").isEqualTo(200);
        HttpResponse<String> me = server.get("/me", PK, pk, "Authorization", token);
        assertThat(JSON.readTree(me.body()).get("email").asText()).isEqualTo("eve.new.compat@example.io");
        assertThat(server.postJson("/login", credentials("eve.new.compat@example.io", PASSWORD), PK, pk).statusCode())
                .isEqualTo(200);

        assertThat(revert(revertToken("eve.compat@example.io")).statusCode()).isEqualTo(200);
        assertThat(server.get("/me", PK, pk, "Authorization", token).statusCode()).as("the thief's token").isEqualTo(401);
    }

    @Test
    void revertTokensAreSingleUseTenantBoundAndARevertToATakenAddressIsAConflict() {
        JsonNode fay = signUp("fay.wire@example.io");
        assertThat(start(bearer(fay), "fay.new.wire@example.io").statusCode()).isEqualTo(202);
        assertThat(confirm(bearer(fay), code("fay.new.wire@example.io")).statusCode()).isEqualTo(200);
        String token = revertToken("fay.wire@example.io");
        for (String bad : List.of("", "unknown-token", "x".repeat(300))) {
            problem(revert(bad), 400, "invalid-code");
        }
        String otherPk = tenantWithAppUrl(server);
        problem(server.postJson("/v1/auth/email/revert", "{\"token\":\"" + token + "\"}", PK, otherPk), 400,
                "invalid-code");
        problem(server.postJson("/v1/auth/email/revert", "{\"token\":\"" + token + "\"}"), 401, "unknown-tenant");

        signUp("fay.wire@example.io"); // someone took the old address meanwhile
        JsonNode conflict = problem(revert(token), 409, "email-already-in-use");
        assertThat(conflict.get("detail").asText()).contains("cannot be undone");
        assertThat(server.get("/v1/me", PK, pk, "Authorization", bearer(fay)).statusCode()).as("nothing ended")
                .isEqualTo(200);
    }

    @Test
    void startsOverTheRecoveryMailLimitsAre429WithRetryAfter() {
        try (TestServer limited = TestServer.start(FakeWorld.withRateLimits(
                Settings.DEFAULT.withTenantCacheTtl(Duration.ZERO)))) {
            String limitedPk = tenantWithAppUrl(limited);
            HttpResponse<String> signedUp = limited.postJson("/v1/auth/signup",
                    credentials("gil.wire@example.io", PASSWORD), PK, limitedPk);
            String bearer = "Bearer " + json(signedUp).get("accessToken").asText();
            for (int i = 0; i < 5; i++) {
                assertThat(limited.postJson("/v1/me/email", "{\"email\":\"gil" + i + "@example.io\"}", PK, limitedPk,
                        "Authorization", bearer).statusCode()).isEqualTo(202);
            }
            HttpResponse<String> refused = limited.postJson("/v1/me/email", "{\"email\":\"gil5@example.io\"}", PK,
                    limitedPk, "Authorization", bearer);
            problem(refused, 429, "rate-limited");
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        }
    }
}
