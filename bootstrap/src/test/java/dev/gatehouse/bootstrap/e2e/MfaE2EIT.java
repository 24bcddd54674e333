package dev.gatehouse.bootstrap.e2e;

import static dev.gatehouse.bootstrap.e2e.NativeClient.bearer;
import static dev.gatehouse.bootstrap.e2e.NativeClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.adapters.crypto.JavaOtpTotpAlgorithm;
import dev.gatehouse.domain.mfa.TotpSecret;
import dev.gatehouse.domain.mfa.TotpStep;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multi-factor sign-in over HTTP on the running jar (docs/mfa.md): two processes on one PostgreSQL, rate limits on
 * (the production default), a short step-up window. Codes are computed from the enrolled secret with the same
 * RFC 6238 implementation an authenticator app follows. Each test has users and client addresses of its own.
 */
class MfaE2EIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PK = ServerProcess.DEV_PUBLIC_KEY;
    private static final String ROOT = "safe-to-use-in-dev-root-token";
    private static final String PASSWORD = "correct horse battery";
    private static final Duration REAUTH_WINDOW = Duration.ofSeconds(4);
    private static final JavaOtpTotpAlgorithm TOTP = new JavaOtpTotpAlgorithm();
    private static final AtomicInteger ADDRESSES = new AtomicInteger(1);

    @TempDir
    static Path dirA;
    @TempDir
    static Path dirB;
    private static ServerProcess a;
    private static ServerProcess b;
    private static NativeClient onA;
    private static NativeClient onB;

    @BeforeAll
    static void startTwoProcessesOnOneDatabase() {
        Map<String, String> env = ServerProcess.sharedPostgresEnvironment();
        env.put("GATEHOUSE_RATE_LIMITS", "on");
        env.put("GATEHOUSE_TRUSTED_PROXIES", "127.0.0.1,::1");
        env.put("GATEHOUSE_REAUTH_WINDOW", REAUTH_WINDOW.toSeconds() + "s");
        a = ServerProcess.start(dirA, env);
        b = ServerProcess.start(dirB, env);
        onA = new NativeClient(a);
        onB = new NativeClient(b);
    }

    @AfterAll
    static void stop() {
        ServerProcess.closeAll(a, b);
    }

    // ---- a user and a client of a test's own -----------------------------------------------------------------

    /** One client address per test, so that the per-source limits of one test never meet another's. */
    private record Client(String address) {
        static Client fresh() {
            int n = ADDRESSES.getAndIncrement();
            return new Client("198.51." + (100 + n / 250) + "." + (1 + n % 250));
        }

        Map<String, String> publicKey() {
            return Map.of("X-API-Key", PK, "X-Forwarded-For", address);
        }

        Map<String, String> bearer(String token) {
            return Map.of("X-API-Key", PK, "X-Forwarded-For", address, "Authorization", "Bearer " + token);
        }
    }

    /** A user with TOTP on: the secret, the recovery codes, and the access token of the session that enrolled. */
    private record MfaUser(String email, String id, String secret, List<String> recoveryCodes, String accessToken) {
    }

    private static String body(Map<String, ?> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String codeNow(String secret) {
        return TOTP.codeAt(TotpSecret.fromBase32(secret), TotpStep.at(Instant.now())).digits();
    }

    /**
     * The code of the next time step: accepted now (one step of drift either way is allowed) and later than the
     * step of any code used so far, so it needs no wait for the clock.
     */
    private static String nextStepCode(String secret) {
        return TOTP.codeAt(TotpSecret.fromBase32(secret), TotpStep.at(Instant.now()).next()).digits();
    }

    /**
     * Signs up and verifies the address, then signs in again (the first proof of the mailbox ended the sign-up's
     * session): the answer of that sign-in, whose session has just proved its user.
     */
    private static JsonNode signUpVerified(NativeClient on, Client client, String email) throws InterruptedException {
        JsonNode signedUp = json(on.post("/v1/auth/signup", client.publicKey(),
                body(Map.of("email", email, "password", PASSWORD))), 201);
        String token = signedUp.get("accessToken").asText();
        assertThat(on.post("/v1/auth/email/verify/send", client.bearer(token), "{}").statusCode()).isEqualTo(202);
        String code = find("Your confirmation code: (\\S+)", awaitMail(on, email, "Confirm your email").get("text").asText());
        json(on.post("/v1/auth/email/verify", client.publicKey(), body(Map.of("code", code))), 200);
        return json(signIn(on, client, email), 200);
    }

    private static MfaUser enrolledUser(Client client) throws InterruptedException {
        String email = CompatClient.uniqueEmail("mfa");
        JsonNode signedIn = signUpVerified(onA, client, email);
        String token = signedIn.get("accessToken").asText();
        JsonNode enrolment = json(onA.post("/v1/me/mfa/totp", client.bearer(token), ""), 200);
        String secret = enrolment.get("secret").asText();
        assertThat(enrolment.get("otpauthUri").asText()).startsWith("otpauth://totp/")
                .contains("secret=" + secret);
        assertThat(enrolment.get("qrSvg").asText()).contains("<svg").contains("</svg>");
        JsonNode confirmed = json(onA.post("/v1/me/mfa/totp/confirm", client.bearer(token),
                body(Map.of("code", codeNow(secret)))), 200);
        List<String> codes = new ArrayList<>();
        confirmed.get("recoveryCodes").forEach(code -> codes.add(code.asText()));
        assertThat(codes).hasSize(10).doesNotHaveDuplicates();
        return new MfaUser(email, signedIn.get("user").get("id").asText(), secret, codes, token);
    }

    private static HttpResponse<String> signIn(NativeClient on, Client client, String email) {
        return on.post("/v1/auth/signin", client.publicKey(), body(Map.of("email", email, "password", PASSWORD)));
    }

    /** Signs in with the password and answers the mfaToken of the second step. */
    private static String mfaToken(NativeClient on, Client client, String email) {
        JsonNode step = json(signIn(on, client, email), 200);
        assertThat(step.get("mfaRequired").asBoolean()).isTrue();
        assertThat(step.has("accessToken")).isFalse();
        assertThat(step.has("refreshToken")).isFalse();
        return step.get("mfaToken").asText();
    }

    private static HttpResponse<String> verify(NativeClient on, Client client, String mfaToken, String field,
                                               String code) {
        return on.post("/v1/auth/mfa/verify", client.publicKey(), body(Map.of("mfaToken", mfaToken, field, code)));
    }

    private static Map<String, String> root() {
        return bearer(PK, ROOT);
    }

    private static List<JsonNode> mailbox(NativeClient on, String to) {
        JsonNode mails = json(on.get("/v1/dev/mailbox?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8), root()), 200);
        return StreamSupport.stream(mails.spliterator(), false).toList();
    }

    /** The newest mail to {@code to} whose subject contains {@code subject}, waiting up to 10 s for it. */
    private static JsonNode awaitMail(NativeClient on, String to, String subject) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end) {
            for (JsonNode mail : mailbox(on, to)) {
                if (mail.get("subject").asText().contains(subject)) {
                    return mail;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no mail '" + subject + "' to " + to + " in " + mailbox(on, to));
    }

    private static String find(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in %s", regex, text).isTrue();
        return m.group(1);
    }

    // ---- the tests ----------------------------------------------------------------------------------------------

    @Test
    void enrolsSignsInWithAComputedCodeAndRefusesTheSameCodeAgainOnTheOtherProcess() throws Exception {
        Client client = Client.fresh();
        MfaUser user = enrolledUser(client);
        assertThat(awaitMail(onA, user.email(), "turned on").get("text").asText()).contains("turned on");

        String code = nextStepCode(user.secret()); // the confirming code's step is used already
        JsonNode tokens = json(verify(onA, client, mfaToken(onA, client, user.email()), "code", code), 200);
        assertThat(tokens.get("accessToken").asText()).isNotBlank();
        assertThat(json(onA.get("/v1/me", client.bearer(tokens.get("accessToken").asText())), 200)
                .get("email").asText()).isEqualTo(user.email());

        HttpResponse<String> replayed = verify(onB, client, mfaToken(onB, client, user.email()), "code", code);
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(400);
        assertThat(json(replayed, 400).get("type").asText()).isEqualTo("urn:gatehouse:problem:invalid-code");

        JsonNode status = json(onB.get("/v1/me/mfa", client.bearer(tokens.get("accessToken").asText())), 200);
        assertThat(status.get("totpEnabled").asBoolean()).isTrue();
        assertThat(status.get("recoveryCodesLeft").asInt()).isEqualTo(10);
    }

    @Test
    void aRecoveryCodeSignsInOnceOnEitherProcess() throws Exception {
        Client client = Client.fresh();
        MfaUser user = enrolledUser(client);
        String recovery = user.recoveryCodes().getFirst();

        assertThat(verify(onA, client, mfaToken(onA, client, user.email()), "recoveryCode", recovery).statusCode())
                .isEqualTo(200);
        HttpResponse<String> again = verify(onB, client, mfaToken(onB, client, user.email()), "recoveryCode", recovery);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(400);
    }

    @Test
    void anMfaTokenDiesAfterFiveWrongCodesAndWrongCodesAreCappedPerUserAcrossTokensAndProcesses() throws Exception {
        Client client = Client.fresh();
        MfaUser user = enrolledUser(client);
        String token = mfaToken(onA, client, user.email());
        for (int i = 1; i <= 5; i++) {
            assertThat(verify(i % 2 == 0 ? onA : onB, client, token, "code", "000000").statusCode())
                    .as("wrong code %d", i).isEqualTo(400);
        }
        HttpResponse<String> dead = verify(onA, client, token, "code", nextStepCode(user.secret()));
        assertThat(dead.statusCode()).as(dead.body()).isEqualTo(401);
        assertThat(json(dead, 401).get("type").asText()).isEqualTo("urn:gatehouse:problem:invalid-mfa-token");

        // five more wrong codes on a second token (ten since the last right one), then the user's cap answers 429
        String second = mfaToken(onB, client, user.email());
        for (int i = 1; i <= 5; i++) {
            assertThat(verify(onB, client, second, "code", "000000").statusCode()).isEqualTo(400);
        }
        HttpResponse<String> capped = verify(onA, client, mfaToken(onA, client, user.email()), "code", "000000");
        assertThat(capped.statusCode()).as(capped.body()).isEqualTo(429);
        assertThat(capped.headers().firstValue("Retry-After")).isPresent();
        assertThat(json(signIn(onB, client, user.email()), 200).get("mfaRequired").asBoolean())
                .as("the password step still answers").isTrue();
    }

    @Test
    void aPasswordResetNeitherRemovesNorSkipsTheFactorAndStaticBackendRoutesRefuseWithPlainText() throws Exception {
        Client client = Client.fresh();
        MfaUser user = enrolledUser(client);
        assertThat(onA.post("/v1/auth/password/forgot", client.publicKey(), body(Map.of("email", user.email())))
                .statusCode()).isEqualTo(202);
        String resetCode = find("reset code: (\\S+)", awaitMail(onA, user.email(), "Reset your").get("text").asText());
        HttpResponse<String> reset = onB.post("/v1/auth/password/reset", client.publicKey(),
                body(Map.of("email", user.email(), "code", resetCode, "password", PASSWORD)));
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(204); // a reset opens no session

        assertThat(json(signIn(onA, client, user.email()), 200).get("mfaRequired").asBoolean()).isTrue();

        Map<String, String> compat = new HashMap<>(Map.of("SB-PUBLIC-KEY", PK, "X-Forwarded-For", client.address()));
        HttpResponse<String> login = onB.post("/login", compat, body(Map.of("email", user.email(), "password", PASSWORD)));
        assertThat(login.statusCode()).isEqualTo(401);
        assertThat(login.body()).isEqualTo("mfa required: sign in with /v1/auth/signin\n");
    }

    @Test
    void stepUpIsNeededAfterTheWindowAndRenewedByReauthenticating() throws Exception {
        Client client = Client.fresh();
        MfaUser user = enrolledUser(client);
        Thread.sleep(REAUTH_WINDOW.plusMillis(1500).toMillis());

        HttpResponse<String> stale = onB.post("/v1/me/mfa/recovery-codes", client.bearer(user.accessToken()),
                body(Map.of("code", nextStepCode(user.secret()))));
        assertThat(stale.statusCode()).as(stale.body()).isEqualTo(403);
        assertThat(json(stale, 403).get("type").asText()).isEqualTo("urn:gatehouse:problem:reauthentication-required");

        assertThat(onA.post("/v1/auth/reauthenticate", client.bearer(user.accessToken()),
                body(Map.of("password", "wrong password"))).statusCode()).isEqualTo(400);
        json(onA.post("/v1/auth/reauthenticate", client.bearer(user.accessToken()),
                body(Map.of("password", PASSWORD))), 200);
        HttpResponse<String> off = onB.delete("/v1/me/mfa/totp", client.bearer(user.accessToken()),
                body(Map.of("recoveryCode", user.recoveryCodes().get(1))));
        assertThat(off.statusCode()).as(off.body()).isEqualTo(204);
        assertThat(awaitMail(onA, user.email(), "turned off").get("text").asText()).contains("turned off");
        assertThat(json(signIn(onA, client, user.email()), 200).has("accessToken")).as("TOTP off").isTrue();
    }

    @Test
    void underThePolicyAllASignInMustEnrolFirstAndTheConfirmationCompletesIt() throws Exception {
        Client client = Client.fresh();
        String email = CompatClient.uniqueEmail("policy");
        signUpVerified(onA, client, email);
        json(onA.patch("/v1/admin/settings", root(), "{\"mfa\":{\"required\":\"all\"}}"), 200);
        try {
            // the other process reads tenant settings through a cache of one second (tenant cache TTL)
            JsonNode step = json(signIn(onB, client, email), 200);
            long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!step.has("mfaEnrollmentRequired") && System.nanoTime() < end) {
                Thread.sleep(200);
                step = json(signIn(onB, client, email), 200);
            }
            assertThat(step.get("mfaEnrollmentRequired").asBoolean()).as(step.toString()).isTrue();
            String token = step.get("mfaToken").asText();
            assertThat(onB.get("/v1/me", client.bearer(token)).statusCode()).as("not an access token").isEqualTo(401);
            assertThat(verify(onB, client, token, "code", "123456").statusCode()).isEqualTo(401);

            JsonNode enrolment = json(onB.post("/v1/me/mfa/totp", client.bearer(token), ""), 200);
            JsonNode done = json(onA.post("/v1/me/mfa/totp/confirm", client.bearer(token),
                    body(Map.of("code", codeNow(enrolment.get("secret").asText())))), 200);
            assertThat(done.get("recoveryCodes")).hasSize(10);
            assertThat(json(onA.get("/v1/me", client.bearer(done.get("accessToken").asText())), 200)
                    .get("email").asText()).isEqualTo(email);
            assertThat(onA.post("/v1/me/mfa/totp", client.bearer(token), "").statusCode()).as("spent").isEqualTo(401);
        } finally {
            json(onA.patch("/v1/admin/settings", root(), "{\"mfa\":null}"), 200);
        }
    }

    @Test
    void anAdminResetRemovesTheFactorEndsTheSessionsAndIsAudited() throws Exception {
        Client client = Client.fresh();
        MfaUser user = enrolledUser(client);

        HttpResponse<String> reset = onB.delete("/v1/admin/users/" + user.id() + "/mfa", root());
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(204);

        assertThat(onA.answersWithin("/v1/me", client.bearer(user.accessToken()), 401, Duration.ofSeconds(3)))
                .as("the session ended on the other process too").isTrue();
        assertThat(json(signIn(onA, client, user.email()), 200).has("accessToken")).isTrue();
        JsonNode events = json(onA.get("/v1/admin/audit-events?type=MFA_RESET_BY_ADMIN", root()), 200);
        assertThat(events.toString()).contains(user.id());
        JsonNode users = json(onA.get("/v1/admin/users?emailPrefix=" + URLEncoder.encode(user.email(),
                StandardCharsets.UTF_8), root()), 200);
        assertThat(users.get("users").get(0).get("mfaEnabled").asBoolean()).isFalse();
    }

    @Test
    void noSecretCodeRecoveryCodeOrMfaTokenReachesTheLogsOrTheAuditEvents() throws Exception {
        Client client = Client.fresh();
        MfaUser user = enrolledUser(client);
        String token = mfaToken(onA, client, user.email());
        verify(onA, client, token, "code", "000000");
        verify(onA, client, token, "recoveryCode", user.recoveryCodes().get(2));

        String audit = onA.get("/v1/admin/audit-events?limit=100", root()).body();
        String logs = a.output() + b.output();
        List<String> secrets = new ArrayList<>(List.of(user.secret(), token, user.recoveryCodes().get(2)));
        secrets.addAll(user.recoveryCodes());
        for (String secret : secrets) {
            assertThat(logs).as("server output").doesNotContain(secret);
            assertThat(audit).as("audit events").doesNotContain(secret);
        }
        assertThat(audit).contains("RECOVERY_CODE_USED").contains("MFA_CHALLENGE_FAILED");
    }
}
