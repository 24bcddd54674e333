package dev.gatehouse.adapters.http;

import static dev.gatehouse.adapters.http.CompatApiIT.credentials;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.application.tenants.port.in.ProvisionTenantUseCase;
import dev.gatehouse.domain.mail.OutboxMail;
import dev.gatehouse.domain.tenant.TenantSettings;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The recovery routes on the wire: shapes, statuses and error forms of both families. */
class RecoveryApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PK = "SB-PUBLIC-KEY";
    private static final String APP = "https://app.example.io/magic";

    private TestServer server;
    private ProvisionTenantUseCase.Provisioned tenant;
    private String pk;

    @BeforeEach
    void start() {
        server = TestServer.start(new dev.gatehouse.application.fakes.FakeWorld(
                dev.gatehouse.application.support.Settings.DEFAULT.withTenantCacheTtl(java.time.Duration.ZERO)));
        tenant = new RootCalls(server).provision("owner@example.io");
        pk = tenant.tenant().publicKey();
        server.world.tenants.updateSettings(tenant.tenant().id(), tenant.tenant().settings()
                .withAllowedRedirectUrls(Set.of(APP)).withAllowedSenders(Set.of("app@example.io")));
        assertThat(server.postJson("/register", credentials("ada@example.io", "old password"), PK, pk).statusCode())
                .isEqualTo(200);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private OutboxMail lastMailTo(String to) {
        return server.world.mailOutbox.latestTo(to).orElseThrow();
    }

    private static String find(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in %s", regex, text).isTrue();
        return URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    }

    private HttpResponse<String> compatReset(String code, String password) throws Exception {
        return server.postJson("/password/reset", JSON.writeValueAsString(java.util.Map.of("email", "ada@example.io",
                "code", code, "password", password)), PK, pk);
    }

    @Test
    void compatResetCodeRoutesNeedTheRootTokenAndTheResetAnswersTrueOnlyForTheRightCode() throws Exception {
        HttpResponse<String> noRoot = server.postJson("/password/send", "{\"email\":\"ada@example.io\"}", PK, pk);
        assertThat(noRoot.statusCode()).isEqualTo(401);
        HttpResponse<String> sent = server.postJson("/password/send", "{\"email\":\"ada@example.io\"}", PK, pk,
                "Authorization", "Bearer " + tenant.rootToken());
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(sent.headers().allValues("Content-Type")).containsExactly("application/json");
        String code = JSON.readTree(sent.body()).asText();
        assertThat(find("reset code: (\\S+)", lastMailTo("ada@example.io").text())).isEqualTo(code);

        HttpResponse<String> unknown = server.get("/password/resetcode?e=nobody%40example.io", PK, pk,
                "Authorization", "Bearer " + tenant.rootToken());
        assertThat(unknown.statusCode()).isEqualTo(404);

        for (String bad : new String[] {"", "WRONGWRONG22"}) {
            HttpResponse<String> refused = compatReset(bad, "new password");
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).isEqualTo("invalid or expired code\n");
            assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        }
        HttpResponse<String> done = compatReset(code, "new password");
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).isEqualTo("true");
        assertThat(compatReset(code, "newer password").statusCode()).isEqualTo(400);
        assertThat(server.postJson("/login", credentials("ada@example.io", "old password"), PK, pk).statusCode()).isEqualTo(401);
        assertThat(server.postJson("/login", credentials("ada@example.io", "new password"), PK, pk).statusCode()).isEqualTo(200);
    }

    @Test
    void compatMagicLinkRefusesRelaysWithA400AndExchangesAGoodLinkOnce() throws Exception {
        // the body is the tenant's template by default, so only the link and the sender can be refused here
        String[] refusedBodies = {
                "{\"email\":\"ada@example.io\",\"body\":\"[link]\",\"link\":\"https://evil.example.net/x\"}",
                "{\"email\":\"ada@example.io\",\"fromEmail\":\"boss@evil.example.net\",\"body\":\"[link]\",\"link\":\"" + APP + "\"}"};
        for (String body : refusedBodies) {
            HttpResponse<String> refused = server.postJson("/login/magic", body, PK, pk);
            assertThat(refused.statusCode()).as(body).isEqualTo(400);
            assertThat(refused.body()).endsWith("\n");
        }
        assertThat(server.world.mailOutbox.latestTo("ada@example.io")).isEmpty();

        HttpResponse<String> unknown = server.postJson("/login/magic",
                "{\"email\":\"nobody@example.io\",\"body\":\"[link]\",\"link\":\"" + APP + "\"}", PK, pk);
        HttpResponse<String> known = server.postJson("/login/magic",
                "{\"email\":\"ada@example.io\",\"fromEmail\":\"app@example.io\",\"body\":\"<p>[link]</p>\",\"link\":\"" + APP + "\"}", PK, pk);
        assertThat(known.statusCode()).isEqualTo(unknown.statusCode()).isEqualTo(200);
        assertThat(known.body()).isEqualTo(unknown.body()).isEqualTo("true");
        assertThat(server.world.mailOutbox.latestTo("nobody@example.io")).isEmpty();

        String code = find("\\?code=([^&\\s\"]+)&", lastMailTo("ada@example.io").text());
        String query = "/login/magic?email=ada%40example.io&code=" + URLEncoder.encode(code, StandardCharsets.UTF_8);
        HttpResponse<String> exchanged = server.get(query, PK, pk);
        assertThat(exchanged.statusCode()).isEqualTo(200);
        String token = JSON.readTree(exchanged.body()).asText();
        assertThat(server.get("/me", PK, pk, "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
        assertThat(server.get(query, PK, pk).statusCode()).isEqualTo(400);
    }

    @Test
    void nativeRoutesAnswer202ForAnyAddressAndProblemsForBadCodes() throws Exception {
        HttpResponse<String> forgotKnown = server.postJson("/v1/auth/password/forgot", "{\"email\":\"ada@example.io\"}", PK, pk);
        HttpResponse<String> forgotUnknown = server.postJson("/v1/auth/password/forgot", "{\"email\":\"nobody@example.io\"}", PK, pk);
        assertThat(forgotKnown.statusCode()).isEqualTo(forgotUnknown.statusCode()).isEqualTo(202);
        assertThat(forgotKnown.body()).isEqualTo(forgotUnknown.body()).isEmpty();

        HttpResponse<String> wrong = server.postJson("/v1/auth/password/reset",
                "{\"email\":\"ada@example.io\",\"code\":\"nope\",\"password\":\"new password\"}", PK, pk);
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(JSON.readTree(wrong.body()).get("type").asText()).endsWith("invalid-code");

        String code = find("reset code: (\\S+)", lastMailTo("ada@example.io").text());
        HttpResponse<String> reset = server.postJson("/v1/auth/password/reset",
                "{\"email\":\"ada@example.io\",\"code\":\"" + code + "\",\"password\":\"new password\"}", PK, pk);
        assertThat(reset.statusCode()).isEqualTo(204);

        HttpResponse<String> badRedirect = server.postJson("/v1/auth/magic-link",
                "{\"email\":\"ada@example.io\",\"redirectUrl\":\"https://evil.example.net/\"}", PK, pk);
        assertThat(badRedirect.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badRedirect.body()).get("field").asText()).isEqualTo("redirectUrl");
        HttpResponse<String> magic = server.postJson("/v1/auth/magic-link",
                "{\"email\":\"ada@example.io\",\"redirectUrl\":\"" + APP + "\"}", PK, pk);
        assertThat(magic.statusCode()).isEqualTo(202);
        String magicCode = find("\\?code=([^&\\s\"]+)&", lastMailTo("ada@example.io").text());
        HttpResponse<String> verified = server.postJson("/v1/auth/magic-link/verify",
                JSON.writeValueAsString(java.util.Map.of("email", "ada@example.io", "code", magicCode)), PK, pk);
        assertThat(verified.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(verified.body());
        assertThat(body.get("refreshToken").asText()).isNotBlank();
        assertThat(body.get("user").get("emailVerified").asBoolean()).isTrue();
    }

    @Test
    void signUpWithVerificationRequiredAnswers202ThenVerifiesAndSignsIn() throws Exception {
        TenantSettings settings = server.world.tenants.findById(tenant.tenant().id()).orElseThrow().settings();
        server.world.tenants.updateSettings(tenant.tenant().id(), settings.withRequireEmailVerification(true));

        HttpResponse<String> signUp = server.postJson("/v1/auth/signup", credentials("grace@example.io", "hopper compiler 1952"), PK, pk);
        assertThat(signUp.statusCode()).isEqualTo(202);
        assertThat(signUp.body()).isEqualTo("{\"verificationRequired\":true}");
        HttpResponse<String> early = server.postJson("/v1/auth/signin", credentials("grace@example.io", "hopper compiler 1952"), PK, pk);
        assertThat(early.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(early.body()).get("type").asText()).endsWith("email-not-verified");

        String code = find("code: (\\S+)", lastMailTo("grace@example.io").text());
        HttpResponse<String> verify = server.postJson("/v1/auth/email/verify", "{\"token\":\"" + code + "\"}", PK, pk);
        assertThat(verify.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(verify.body()).get("emailVerified").asBoolean()).isTrue();
        assertThat(server.postJson("/v1/auth/email/verify", "{\"code\":\"" + code + "\"}", PK, pk).statusCode()).isEqualTo(400);
        assertThat(server.postJson("/v1/auth/signin", credentials("grace@example.io", "hopper compiler 1952"), PK, pk).statusCode())
                .isEqualTo(200);
    }

    @Test
    void passwordChangeNeedsTheBearerAndTheCurrentPassword() throws Exception {
        String token = JSON.readTree(server.postJson("/v1/auth/signin", credentials("ada@example.io", "old password"), PK, pk)
                .body()).get("accessToken").asText();
        assertThat(server.postJson("/v1/auth/password/change",
                "{\"currentPassword\":\"old password\",\"newPassword\":\"new password\"}", PK, pk).statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = server.postJson("/v1/auth/password/change",
                "{\"currentPassword\":\"not it at all\",\"newPassword\":\"new password\"}", PK, pk, "Authorization", "Bearer " + token);
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(wrong.body()).get("field").asText()).isEqualTo("currentPassword");
        HttpResponse<String> changed = server.postJson("/v1/auth/password/change",
                "{\"currentPassword\":\"old password\",\"newPassword\":\"new password\"}", PK, pk, "Authorization", "Bearer " + token);
        assertThat(changed.statusCode()).isEqualTo(204);
        assertThat(server.get("/v1/me", PK, pk, "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
        assertThat(lastMailTo("ada@example.io").kind()).isEqualTo(dev.gatehouse.domain.mail.MailKind.PASSWORD_CHANGED);

        HttpResponse<String> sendVerification = server.postJson("/v1/auth/email/verify/send", "", PK, pk,
                "Authorization", "Bearer " + token);
        assertThat(sendVerification.statusCode()).isEqualTo(202);
    }
}
