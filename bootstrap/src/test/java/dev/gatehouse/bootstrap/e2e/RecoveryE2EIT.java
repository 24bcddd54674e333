package dev.gatehouse.bootstrap.e2e;

import static dev.gatehouse.bootstrap.e2e.NativeClient.bearer;
import static dev.gatehouse.bootstrap.e2e.NativeClient.json;
import static dev.gatehouse.bootstrap.e2e.NativeClient.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Password reset, magic links, email verification and password change against the running jar in dev mode,
 * with every code read from the dev mailbox ({@code GET /v1/dev/mailbox?to=}) as a user would read their mail.
 */
class RecoveryE2EIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PK = ServerProcess.DEV_PUBLIC_KEY;
    private static final String ROOT = "safe-to-use-in-dev-root-token";
    private static final String APP = "http://localhost:3000/magic";
    private static final Duration MAIL_DEADLINE = Duration.ofSeconds(10);

    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.with(Map.of()).withOperator();
    private static final NativeClient client = SERVER.client();
    private static final CompatClient compat = SERVER.compat();

    // ---- helpers -------------------------------------------------------------------------------------------

    private static Map<String, String> root() {
        return bearer(PK, ROOT);
    }

    /** The mails to {@code to}, newest first. */
    private static List<JsonNode> mailbox(NativeClient on, String to) {
        JsonNode mails = json(on.get("/v1/dev/mailbox?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8), root()), 200);
        return java.util.stream.StreamSupport.stream(mails.spliterator(), false).toList();
    }

    /** Waits for the {@code count}-th mail to {@code to} and answers the newest. */
    private static JsonNode awaitMail(NativeClient on, String to, int count) throws InterruptedException {
        long end = System.nanoTime() + MAIL_DEADLINE.toNanos();
        List<JsonNode> mails = mailbox(on, to);
        while (mails.size() < count && System.nanoTime() < end) {
            Thread.sleep(50);
            mails = mailbox(on, to);
        }
        assertThat(mails).as("mails to %s", to).hasSizeGreaterThanOrEqualTo(count);
        return mails.getFirst();
    }

    private static String find(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in %s", regex, text).isTrue();
        return URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    }

    private static String body(Map<String, String> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> compatPost(NativeClient on, String path, Map<String, String> fields,
                                                   Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.remove("X-API-Key");
        all.put("SB-PUBLIC-KEY", PK);
        return on.post(path, all, body(fields));
    }

    private static HttpResponse<String> compatReset(NativeClient on, String email, String code, String password) {
        return compatPost(on, "/password/reset", Map.of("email", email, "code", code, "password", password), Map.of());
    }

    private static String register(String email, String password) {
        HttpResponse<String> registered = compat.register(email, password);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        return registered.body().replace("\"", "");
    }

    private static int me(String token) {
        return compat.send(HttpRequest.newBuilder(SERVER.process().uri("/me")).header("SB-PUBLIC-KEY", PK)
                .header("Authorization", "Bearer " + token).GET().build()).statusCode();
    }

    // ---- password reset ------------------------------------------------------------------------------------

    @Test
    void resetViaPasswordSendWithTheCodeFromTheMailboxRefusesBadCodesAndEndsEverySession() throws Exception {
        String email = CompatClient.uniqueEmail("reset");
        String before = register(email, "old password");

        HttpResponse<String> sent = compatPost(client, "/password/send", Map.of("email", email), root());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        JsonNode mail = awaitMail(client, email, 1);
        String code = find("reset code: (\\S+)", mail.get("text").asText());
        assertThat(sent.body()).isEqualTo("\"" + code + "\"");
        assertThat(code).hasSize(12);

        for (String bad : new String[] {"", "WRONGWRONG22", code.substring(0, 11) + (code.endsWith("X") ? "Y" : "X")}) {
            HttpResponse<String> refused = compatReset(client, email, bad, "new password");
            assertThat(refused.statusCode()).as("code '%s'", bad).isEqualTo(400);
            assertThat(refused.body()).isEqualTo("invalid or expired code\n");
        }
        HttpResponse<String> reset = compatReset(client, email, code, "new password");
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
        assertThat(reset.body()).isEqualTo("true");
        assertThat(compatReset(client, email, code, "third password").statusCode()).as("reused").isEqualTo(400);

        assertThat(compat.login(email, "old password").statusCode()).isEqualTo(401);
        assertThat(compat.login(email, "new password").statusCode()).isEqualTo(200);
        assertThat(me(before)).as("the session from before the reset ended").isEqualTo(401);
        assertThat(awaitMail(client, email, 2).get("subject").asText()).containsIgnoringCase("password was changed");
    }

    @Test
    void afterTheFifthWrongResetCodeEvenTheRightOneFails() throws Exception {
        String email = CompatClient.uniqueEmail("tries");
        register(email, "old password");
        assertThat(client.post("/v1/auth/password/forgot", tenant(PK), body(Map.of("email", email))).statusCode())
                .isEqualTo(202);
        String code = find("reset code: (\\S+)", awaitMail(client, email, 1).get("text").asText());
        for (int i = 0; i < 5; i++) {
            assertThat(compatReset(client, email, "ABCDEFGHJKLM", "new password").statusCode()).isEqualTo(400);
        }

        assertThat(compatReset(client, email, code, "new password").statusCode()).isEqualTo(400);
        assertThat(compat.login(email, "old password").statusCode()).isEqualTo(200);
    }

    @Test
    void expiredResetCodesAndMagicLinksFail(@TempDir Path shortLived) throws Exception {
        try (ServerProcess fast = ServerProcess.start(shortLived, Map.of("GATEHOUSE_RESET_CODE_TTL", "1s",
                "GATEHOUSE_MAGIC_LINK_TTL", "1s"))) {
            NativeClient on = new NativeClient(fast);
            CompatClient compatOn = new CompatClient(fast);
            String email = CompatClient.uniqueEmail("expiry");
            assertThat(compatOn.register(email, "old password").statusCode()).isEqualTo(200);
            String code = json(compatPost(on, "/password/send", Map.of("email", email), root()), 200).asText();
            assertThat(on.post("/v1/auth/magic-link", tenant(PK), body(Map.of("email", email, "redirectUrl", APP)))
                    .statusCode()).isEqualTo(202);
            String magic = find("[?&]code=([^&\\s\"]+)", awaitMail(on, email, 2).get("text").asText());

            Thread.sleep(1_500); // both lifetimes are 1 s: after this they are over, however slow the machine

            assertThat(compatReset(on, email, code, "new password").statusCode()).isEqualTo(400);
            assertThat(on.post("/v1/auth/magic-link/verify", tenant(PK), body(Map.of("email", email, "code", magic)))
                    .statusCode()).isEqualTo(400);
            assertThat(compatOn.login(email, "old password").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void nativeForgotAndResetThroughTheMailboxAnswerUnknownAddressesAlike() throws Exception {
        String email = CompatClient.uniqueEmail("forgot");
        String unknown = CompatClient.uniqueEmail("nobody");
        register(email, "old password");
        String token = json(client.post("/v1/auth/signin", tenant(PK), body(Map.of("email", email, "password",
                "old password"))), 200).get("accessToken").asText();

        HttpResponse<String> known = client.post("/v1/auth/password/forgot", tenant(PK), body(Map.of("email", email)));
        HttpResponse<String> stranger = client.post("/v1/auth/password/forgot", tenant(PK), body(Map.of("email", unknown)));
        assertThat(known.statusCode()).isEqualTo(stranger.statusCode()).isEqualTo(202);
        assertThat(known.body()).isEqualTo(stranger.body()).isEmpty();
        String code = find("reset code: (\\S+)", awaitMail(client, email, 1).get("text").asText());
        assertThat(mailbox(client, unknown)).isEmpty();

        HttpResponse<String> reset = client.post("/v1/auth/password/reset", tenant(PK),
                body(Map.of("email", email, "code", code.toLowerCase(), "password", "new password")));
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(204);
        assertThat(client.get("/v1/me", bearer(PK, token)).statusCode()).isEqualTo(401);
        JsonNode signedIn = json(client.post("/v1/auth/signin", tenant(PK), body(Map.of("email", email, "password",
                "new password"))), 200);
        assertThat(signedIn.get("user").get("emailVerified").asBoolean()).as("a reset proves the address").isTrue();
    }

    // ---- magic links ---------------------------------------------------------------------------------------

    private static HttpResponse<String> compatMagic(String email) {
        return compatPost(client, "/login/magic", Map.of("fromEmail", "", "fromName", "Test app", "email", email,
                "subject", "Your sign-in link", "body", "<p>Hello, click [link]</p>", "link", APP), Map.of());
    }

    private static HttpResponse<String> exchange(String email, String code) {
        return compat.send(HttpRequest.newBuilder(SERVER.process().uri("/login/magic?email="
                        + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&code="
                        + URLEncoder.encode(code, StandardCharsets.UTF_8)))
                .header("SB-PUBLIC-KEY", PK).GET().build());
    }

    @Test
    void aMagicLinkFromTheMailboxLogsInOnceAndOnlyOnce() throws Exception {
        String email = CompatClient.uniqueEmail("magic");
        register(email, "some password");

        HttpResponse<String> sent = compatMagic(email);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        assertThat(sent.body()).isEqualTo("true");
        JsonNode mail = awaitMail(client, email, 1);
        String link = find("href=\"([^\"]+)\"", mail.get("html").asText()).replace("&amp;", "&");
        assertThat(link).startsWith(APP + "?code=");
        String code = find("[?&]code=([^&]+)", link);
        assertThat(find("[?&]email=([^&]+)", link)).isEqualTo(email);

        HttpResponse<String> first = exchange(email, code);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(me(first.body().replace("\"", ""))).isEqualTo(200);
        assertThat(exchange(email, code).statusCode()).as("the second use").isEqualTo(400);

        assertThat(client.post("/v1/auth/magic-link", tenant(PK), body(Map.of("email", email, "redirectUrl", APP)))
                .statusCode()).isEqualTo(202);
        String nativeCode = find("[?&]code=([^&\\s\"]+)", awaitMail(client, email, 2).get("text").asText());
        JsonNode signedIn = json(client.post("/v1/auth/magic-link/verify", tenant(PK),
                body(Map.of("email", email, "code", nativeCode))), 200);
        assertThat(signedIn.get("refreshToken").asText()).isNotBlank();
        assertThat(client.get("/v1/me", bearer(PK, signedIn.get("accessToken").asText())).statusCode()).isEqualTo(200);
        assertThat(client.post("/v1/auth/magic-link/verify", tenant(PK), body(Map.of("email", email, "code", nativeCode)))
                .statusCode()).isEqualTo(400);
    }

    @Test
    void afterTheFifthWrongMagicCodeEvenTheRightOneFails() throws Exception {
        String email = CompatClient.uniqueEmail("magic-tries");
        register(email, "some password");
        assertThat(compatMagic(email).statusCode()).isEqualTo(200);
        String code = find("[?&]code=([^&\\s\"]+)", awaitMail(client, email, 1).get("text").asText());
        for (int i = 0; i < 5; i++) {
            assertThat(exchange(email, "x" + code).statusCode()).isEqualTo(400);
        }

        assertThat(exchange(email, code).statusCode()).isEqualTo(400);
    }

    @Test
    void aMagicLinkForAnUnknownAddressAnswersExactlyLikeAKnownOneAndSendsNothing() throws Exception {
        String known = CompatClient.uniqueEmail("known");
        String unknown = CompatClient.uniqueEmail("unknown");
        register(known, "some password");

        HttpResponse<String> forKnown = compatMagic(known);
        HttpResponse<String> forUnknown = compatMagic(unknown);

        assertThat(forUnknown.statusCode()).isEqualTo(forKnown.statusCode()).isEqualTo(200);
        assertThat(forUnknown.body()).isEqualTo(forKnown.body());
        assertThat(headersWithoutPerRequestOnes(forUnknown)).isEqualTo(headersWithoutPerRequestOnes(forKnown));
        HttpResponse<String> nativeKnown = client.post("/v1/auth/magic-link", tenant(PK),
                body(Map.of("email", known, "redirectUrl", APP)));
        HttpResponse<String> nativeUnknown = client.post("/v1/auth/magic-link", tenant(PK),
                body(Map.of("email", unknown, "redirectUrl", APP)));
        assertThat(nativeUnknown.statusCode()).isEqualTo(nativeKnown.statusCode()).isEqualTo(202);
        assertThat(headersWithoutPerRequestOnes(nativeUnknown)).isEqualTo(headersWithoutPerRequestOnes(nativeKnown));
        awaitMail(client, known, 2);
        assertThat(mailbox(client, unknown)).isEmpty();
    }

    private static Map<String, List<String>> headersWithoutPerRequestOnes(HttpResponse<String> response) {
        Map<String, List<String>> headers = new java.util.TreeMap<>(response.headers().map());
        headers.keySet().removeIf(name -> name.equalsIgnoreCase("date") || name.equalsIgnoreCase("x-request-id"));
        return headers;
    }

    @Test
    void aTenantsComposedMagicLinkIsNoOpenRelayRefusalsAre400sThatSendNothing() throws Exception {
        OperatorTenant relay = SERVER.newTenant("Relay test", "owner@relay.example", null);
        String pk = relay.publicKey();
        Map<String, String> root = relay.root();
        HttpResponse<String> patched = compat.send(HttpRequest.newBuilder(
                        SERVER.process().uri("/v1/admin/settings"))
                .header("X-API-Key", pk).header("Authorization", root.get("Authorization"))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"allowedRedirectUrls\":[\"https://app.relay.example/magic\"],"
                        + "\"allowedSenders\":[\"hello@relay.example\"]}")).build());
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        String email = CompatClient.uniqueEmail("relay");
        assertThat(new CompatClient(SERVER.process().baseUri(), pk).register(email, "some password").statusCode())
                .isEqualTo(200);
        Map<String, String> compatTenant = Map.of("SB-PUBLIC-KEY", pk);
        String link = "https://app.relay.example/magic";

        // The content is the tenant's template by default (MagicLinkContentE2EIT): here only the relay rules.
        Map<String, Map<String, String>> refusals = Map.of(
                "link", Map.of("email", email, "body", "[link]", "link", "https://evil.example.net/phish"),
                "fromEmail", Map.of("email", email, "body", "[link]", "link", link, "fromEmail", "ceo@evil.example.net"));
        for (Map.Entry<String, Map<String, String>> refusal : refusals.entrySet()) {
            HttpResponse<String> refused = client.post("/login/magic", compatTenant, body(refusal.getValue()));
            assertThat(refused.statusCode()).as(refusal.getKey()).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
            assertThat(refused.body()).as(refusal.getKey()).startsWith(refusal.getKey() + ":");
        }
        JsonNode none = json(client.get("/v1/dev/mailbox?to=" + URLEncoder.encode(email, StandardCharsets.UTF_8), root), 200);
        assertThat(none).as("nothing was sent").isEmpty();

        HttpResponse<String> accepted = client.post("/login/magic", compatTenant, body(Map.of("email", email,
                "fromEmail", "hello@relay.example", "fromName", "Relay <script>", "subject", "Sign in",
                "body", "<p>[link]</p>", "link", link)));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        JsonNode mail = json(client.get("/v1/dev/mailbox?to=" + URLEncoder.encode(email, StandardCharsets.UTF_8), root), 200)
                .get(0);
        assertThat(mail.get("from").asText()).contains("hello@relay.example").doesNotContain("<script>");
        assertThat(mail.get("html").asText()).contains("href=\"" + link + "?code=").contains("&amp;email="
                + URLEncoder.encode(email, StandardCharsets.UTF_8));
    }

    // ---- verification and password change ------------------------------------------------------------------

    private static void setRequireVerification(boolean on) {
        patchSettings("{\"requireEmailVerification\":" + on + "}");
    }

    private static void patchSettings(String patch) {
        HttpResponse<String> patched = compat.send(HttpRequest.newBuilder(
                        SERVER.process().uri("/v1/admin/settings"))
                .header("X-API-Key", PK).header("Authorization", "Bearer " + ROOT)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(patch)).build());
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    }

    @Test
    void withEnumerationProtectionSignUpAnswersAlikeForEveryAddressAndMailsTheOwnerOfATakenOne() throws Exception {
        String taken = CompatClient.uniqueEmail("taken");
        String fresh = CompatClient.uniqueEmail("fresh");
        register(taken, "first password");
        patchSettings("{\"signupEnumerationProtection\":true}");
        try {
            HttpResponse<String> forTaken = client.post("/v1/auth/signup", tenant(PK),
                    body(Map.of("email", taken, "password", "other password")));
            HttpResponse<String> forFresh = client.post("/v1/auth/signup", tenant(PK),
                    body(Map.of("email", fresh, "password", "other password")));

            assertThat(forTaken.statusCode()).isEqualTo(forFresh.statusCode()).isEqualTo(202);
            assertThat(forTaken.body()).isEqualTo(forFresh.body()).isEqualTo("{\"verificationRequired\":true}");
            assertThat(headersWithoutPerRequestOnes(forTaken)).isEqualTo(headersWithoutPerRequestOnes(forFresh));
            assertThat(awaitMail(client, taken, 1).get("text").asText()).contains("already have an account");
            assertThat(compat.login(taken, "other password").statusCode()).as("nothing changed").isEqualTo(401);
            String code = find("code: (\\S+)", awaitMail(client, fresh, 1).get("text").asText());
            assertThat(client.post("/v1/auth/signin", tenant(PK), body(Map.of("email", fresh, "password",
                    "other password"))).statusCode()).as("no tokens before verification").isEqualTo(403);
            json(client.post("/v1/auth/email/verify", tenant(PK), body(Map.of("code", code))), 200);
            assertThat(client.post("/v1/auth/signin", tenant(PK), body(Map.of("email", fresh, "password",
                    "other password"))).statusCode()).isEqualTo(200);
            HttpResponse<String> compatTaken = compat.register(taken, "other password");
            assertThat(compatTaken.statusCode()).as("/register keeps its conflict").isEqualTo(409);
        } finally {
            patchSettings("{\"signupEnumerationProtection\":false}");
        }
    }

    @Test
    void signUpWithVerificationRequiredSendsTheMailAndTheCodeVerifiesOnce() throws Exception {
        String email = CompatClient.uniqueEmail("verify");
        setRequireVerification(true);
        try {
            HttpResponse<String> signUp = client.post("/v1/auth/signup", tenant(PK),
                    body(Map.of("email", email, "password", "some password")));
            assertThat(signUp.statusCode()).as(signUp.body()).isEqualTo(202);
            assertThat(signUp.body()).doesNotContain("accessToken");
            assertThat(client.post("/v1/auth/signin", tenant(PK), body(Map.of("email", email, "password",
                    "some password"))).statusCode()).isEqualTo(403);
            String code = find("code: (\\S+)", awaitMail(client, email, 1).get("text").asText());

            JsonNode verified = json(client.post("/v1/auth/email/verify", tenant(PK), body(Map.of("code", code))), 200);
            assertThat(verified.get("emailVerified").asBoolean()).isTrue();
            assertThat(client.post("/v1/auth/email/verify", tenant(PK), body(Map.of("code", code))).statusCode())
                    .as("a second use").isEqualTo(400);
            assertThat(client.post("/v1/auth/signin", tenant(PK), body(Map.of("email", email, "password",
                    "some password"))).statusCode()).isEqualTo(200);
        } finally {
            setRequireVerification(false);
        }
    }

    @Test
    void passwordChangeRefusesAWrongCurrentPasswordEndsTheOtherSessionsAndSendsTheNotice() throws Exception {
        String email = CompatClient.uniqueEmail("change");
        String other = register(email, "old password");
        String here = json(client.post("/v1/auth/signin", tenant(PK), body(Map.of("email", email, "password",
                "old password"))), 200).get("accessToken").asText();

        HttpResponse<String> wrong = client.post("/v1/auth/password/change", bearer(PK, here),
                body(Map.of("currentPassword", "not my password", "newPassword", "new password")));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(me(other)).isEqualTo(200);
        HttpResponse<String> changed = client.post("/v1/auth/password/change", bearer(PK, here),
                body(Map.of("currentPassword", "old password", "newPassword", "new password")));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);

        assertThat(me(other)).as("the other session ended").isEqualTo(401);
        assertThat(client.get("/v1/me", bearer(PK, here)).statusCode()).as("this session stays").isEqualTo(200);
        assertThat(awaitMail(client, email, 1).get("subject").asText()).containsIgnoringCase("password was changed");
        assertThat(compat.login(email, "new password").statusCode()).isEqualTo(200);
    }
}
