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
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.mfa.TotpSecret;
import dev.gatehouse.domain.mfa.TotpStep;
import dev.gatehouse.domain.user.EmailAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Multi-factor authentication over HTTP (docs/mfa.md): enrolment, the second step of sign-in, recovery codes,
 * the tenant's {@code mfa.required: all}, step-up, the admin reset, and what each route refuses. Codes are computed
 * from the secret the enrolment answers, at the world's clock, as an authenticator app would.
 */
class MfaApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PK = "SB-PUBLIC-KEY";
    private static final String PASSWORD = "correct horse";
    private static final String MFA_REQUIRED_TEXT = "mfa required: sign in with /v1/auth/signin";
    private static final String APP = "https://app.example.io/magic";
    private static final Pattern RECOVERY_CODE = Pattern.compile("[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}");

    private TestServer server;
    private RootCalls calls;
    private ProvisionTenantUseCase.Provisioned tenant;
    private String pk;
    private Credential root;

    /** A signed-in user: the tokens of the latest sign-in, and the user's id. */
    record Signed(String access, String refresh, String userId) {
        String bearer() {
            return "Bearer " + access;
        }
    }

    @BeforeEach
    void start() {
        start(new FakeWorld());
    }

    private void start(FakeWorld world) {
        if (server != null) {
            server.close();
        }
        server = TestServer.start(world);
        calls = new RootCalls(server);
        tenant = calls.provision("owner@example.io");
        pk = tenant.tenant().publicKey();
        root = rootToken(pk, tenant.rootToken());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    // ---------------------------------------------------------------- enrolment and the second step

    @Test
    void aUserEnrolsAnAppThenSignsInWithItsCodeAndACodeIsGoodOnce() {
        Signed ada = verifiedUser("ada@example.io");
        JsonNode before = json(ok(get("/v1/me/mfa", ada.bearer())));
        assertThat(fieldNames(before)).containsExactly("totpEnabled", "totpPending", "recoveryCodesLeft", "methods");
        assertThat(before.get("totpEnabled").asBoolean()).isFalse();
        assertThat(before.get("methods")).isEmpty();

        JsonNode enrolment = json(ok(post("/v1/me/mfa/totp", null, ada.bearer())));
        assertThat(fieldNames(enrolment)).containsExactly("secret", "otpauthUri", "qrSvg");
        String secret = enrolment.get("secret").asText();
        assertThat(enrolment.get("otpauthUri").asText()).startsWith("otpauth://totp/")
                .contains("secret=" + secret).contains("digits=6").contains("period=30");
        assertThat(enrolment.get("qrSvg").asText()).startsWith("<svg");
        assertThat(json(ok(get("/v1/me/mfa", ada.bearer()))).get("totpPending").asBoolean()).isTrue();

        problem(post("/v1/me/mfa/totp/confirm", codeBody(wrongCode(secret)), ada.bearer()), 400, "invalid-code");
        JsonNode confirmed = json(ok(post("/v1/me/mfa/totp/confirm", codeBody(code(secret)), ada.bearer())));
        assertThat(fieldNames(confirmed)).as("a signed-in user gets no new tokens").containsExactly("recoveryCodes");
        assertThat(texts(confirmed.get("recoveryCodes"))).hasSize(10).doesNotHaveDuplicates()
                .allSatisfy(code -> assertThat(code).matches(RECOVERY_CODE));
        JsonNode status = json(ok(get("/v1/me/mfa", ada.bearer())));
        assertThat(status.get("totpEnabled").asBoolean()).isTrue();
        assertThat(status.get("totpPending").asBoolean()).isFalse();
        assertThat(status.get("recoveryCodesLeft").asInt()).isEqualTo(10);
        assertThat(texts(status.get("methods"))).containsExactly("totp");
        assertThat(get("/v1/me", ada.bearer()).statusCode()).as("the enrolling session stays").isEqualTo(200);
        problem(post("/v1/me/mfa/totp", null, ada.bearer()), 409, "mfa-conflict");

        HttpResponse<String> first = signIn("ada@example.io");
        JsonNode step = json(ok(first));
        assertThat(fieldNames(step)).containsExactly("mfaRequired", "mfaToken", "methods", "expiresIn");
        assertThat(step.get("mfaRequired").asBoolean()).isTrue();
        assertThat(step.get("mfaToken").asText()).startsWith("mfa_").hasSizeGreaterThanOrEqualTo(4 + 43);
        assertThat(texts(step.get("methods"))).containsExactly("totp", "recovery_code");
        assertThat(step.get("expiresIn").asLong()).isEqualTo(300);
        assertThat(first.body()).doesNotContain("accessToken").doesNotContain("refreshToken");

        problem(post("/v1/me/mfa/totp", null, "Bearer " + step.get("mfaToken").asText()), 401, "invalid-mfa-token");
        problem(get("/v1/me", "Bearer " + step.get("mfaToken").asText()), 401, "unauthenticated");

        server.world.clock.advance(Duration.ofSeconds(30)); // the confirming code's time step is used up
        String code = code(secret);
        Signed signedIn = tokens(ok(verify(step.get("mfaToken").asText(), code)));
        assertThat(get("/v1/me", signedIn.bearer()).statusCode()).isEqualTo(200);
        JsonNode spent = problem(verify(step.get("mfaToken").asText(), code(secret)), 401, "invalid-mfa-token");
        assertThat(spent.get("field").asText()).isEqualTo("mfaToken");

        String second = mfaToken(signIn("ada@example.io"));
        problem(verify(second, code), 400, "invalid-code"); // the same code again: a replay
        server.world.clock.advance(Duration.ofSeconds(30));
        assertThat(verify(second, code(secret)).statusCode()).as("a wrong code leaves the mfaToken alive").isEqualTo(200);
        assertThat(server.world.audit.events(AuditEventType.MFA_ENABLED)).hasSize(1);
    }

    @Test
    void anAddressNotProvedYetCannotEnrolAFactor() {
        HttpResponse<String> signUp = server.postJson("/v1/auth/signup", credentials("eve@example.io", PASSWORD), PK, pk);
        Signed eve = tokens(ok(signUp));
        problem(post("/v1/me/mfa/totp", null, eve.bearer()), 403, "email-not-verified");
        assertThat(json(ok(get("/v1/me/mfa", eve.bearer()))).get("totpPending").asBoolean()).isFalse();
    }

    @Test
    void aTenantNameWithAColonStillGivesAUriAnAppCanRead() {
        ProvisionTenantUseCase.Provisioned acme = server.world.useCases.provisionTenant().create(
                new ProvisionTenantUseCase.Command("Acme: staging", new EmailAddress("owner@acme.example.io"),
                        java.util.Optional.empty()));
        pk = acme.tenant().publicKey();
        Signed ada = verifiedUser("ada@example.io");
        JsonNode enrolment = json(ok(post("/v1/me/mfa/totp", null, ada.bearer())));
        String uri = enrolment.get("otpauthUri").asText();
        String label = uri.substring("otpauth://totp/".length(), uri.indexOf('?'));
        assertThat(label).as("issuer:account, a colon only between them").isEqualTo("Acme%20staging:ada%40example.io");
        assertThat(uri).contains("&issuer=Acme%20staging&");
        assertThat(post("/v1/me/mfa/totp/confirm", codeBody(code(enrolment.get("secret").asText())), ada.bearer())
                .statusCode()).isEqualTo(200);
    }

    @Test
    void aRecoveryCodeSignsInOnceInAnySpelling() {
        Signed ada = verifiedUser("ada@example.io");
        Enrolled enrolled = enrol(ada);
        String recovery = enrolled.recoveryCodes().get(3);

        String spelled = recovery.replace("-", " ").toLowerCase(Locale.ROOT);
        Signed signedIn = tokens(ok(verifyRecovery(mfaToken(signIn("ada@example.io")), spelled)));
        assertThat(json(ok(get("/v1/me/mfa", signedIn.bearer()))).get("recoveryCodesLeft").asInt()).isEqualTo(9);

        String again = mfaToken(signIn("ada@example.io"));
        problem(verifyRecovery(again, recovery), 400, "invalid-code");
        assertThat(verifyRecovery(again, enrolled.recoveryCodes().get(4)).statusCode()).isEqualTo(200);
        assertThat(server.world.audit.events(AuditEventType.RECOVERY_CODE_USED)).hasSize(2);
    }

    @Test
    void theFifthWrongCodeEndsTheMfaTokenAndNoCodeReachesTheAuditLog() {
        Signed ada = verifiedUser("ada@example.io");
        String secret = enrol(ada).secret();
        server.world.clock.advance(Duration.ofSeconds(30));
        String token = mfaToken(signIn("ada@example.io"));
        String wrong = wrongCode(secret);
        for (int i = 1; i <= 5; i++) {
            problem(verify(token, wrong), 400, "invalid-code");
        }
        JsonNode exhausted = problem(verify(token, code(secret)), 401, "invalid-mfa-token");
        assertThat(exhausted.get("field").asText()).isEqualTo("mfaToken");

        List<AuditEvent> failures = server.world.audit.events(AuditEventType.MFA_CHALLENGE_FAILED);
        assertThat(failures).hasSize(5).allSatisfy(event -> assertThat(event.details().values())
                .noneMatch(value -> value.contains(wrong)).noneMatch(value -> value.contains(token)));
        assertThat(verify(mfaToken(signIn("ada@example.io")), code(secret)).statusCode())
                .as("a new sign-in gets a new mfaToken").isEqualTo(200);
    }

    @Test
    void wrongCodesAcrossMfaTokensMeetThePerUserCapWith429AndRetryAfter() {
        start(FakeWorld.withRateLimits());
        Signed ada = verifiedUser("ada@example.io");
        String secret = enrol(ada).secret();
        server.world.clock.advance(Duration.ofSeconds(30));
        String wrong = wrongCode(secret);
        for (int token = 1; token <= 2; token++) {
            String mfaToken = mfaToken(signIn("ada@example.io"));
            for (int i = 1; i <= 5; i++) {
                problem(verify(mfaToken, wrong), 400, "invalid-code");
            }
        }
        String third = mfaToken(signIn("ada@example.io"));
        HttpResponse<String> capped = verify(third, code(secret));
        problem(capped, 429, "rate-limited");
        assertThat(capped.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).as("a sliding window: at most two windows")
                        .isBetween(1L, Duration.ofMinutes(30).toSeconds()));
        assertThat(server.world.audit.events(AuditEventType.RATE_LIMIT_TRIPPED))
                .anySatisfy(event -> assertThat(event.details()).containsEntry("limit", "mfaCodesPerUser"));

        server.world.clock.advance(Duration.ofMinutes(31)); // past the window and the one before it
        String fourth = mfaToken(signIn("ada@example.io"));
        assertThat(verify(fourth, code(secret)).statusCode()).as("the cap lifts with its window").isEqualTo(200);
    }

    @Test
    void staticBackendClientsOfAnMfaUserAreToldToUseTheNativeSignIn() {
        Signed ada = verifiedUser("ada@example.io");
        assertThat(compatLogin("ada@example.io").statusCode()).as("without a factor").isEqualTo(200);
        enrol(ada);

        HttpResponse<String> refused = compatLogin("ada@example.io");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(ErrorShape::isPlainUtf8Text);
        assertThat(refused.body().strip()).isEqualTo(MFA_REQUIRED_TEXT);
        HttpResponse<String> wrongPassword = server.postJson("/login", credentials("ada@example.io", "not the password"), PK, pk);
        assertThat(wrongPassword.body().strip()).as("a wrong password learns nothing of the factor")
                .isEqualTo("invalid email/password");
    }

    @Test
    void magicLinksAndPasswordResetsProveTheMailboxButNeverSkipTheSecondFactor() {
        patchSettings("{\"allowedRedirectUrls\": [\"" + APP + "\"]}");
        Signed ada = verifiedUser("ada@example.io");
        String secret = enrol(ada).secret();

        assertThat(server.postJson("/v1/auth/magic-link", "{\"email\":\"ada@example.io\",\"redirectUrl\":\"" + APP + "\"}",
                PK, pk).statusCode()).isEqualTo(202);
        String magic = find("\\?code=([^&\\s\"]+)&", lastMailTo("ada@example.io"));
        JsonNode step = json(ok(server.postJson("/v1/auth/magic-link/verify",
                "{\"email\":\"ada@example.io\",\"code\":\"" + magic + "\"}", PK, pk)));
        assertThat(fieldNames(step)).containsExactly("mfaRequired", "mfaToken", "methods", "expiresIn");

        assertThat(server.postJson("/v1/auth/magic-link", "{\"email\":\"ada@example.io\",\"redirectUrl\":\"" + APP + "\"}",
                PK, pk).statusCode()).isEqualTo(202);
        String compatMagic = find("\\?code=([^&\\s\"]+)&", lastMailTo("ada@example.io"));
        HttpResponse<String> compat = server.get("/login/magic?email=ada%40example.io&code="
                + URLEncoder.encode(compatMagic, StandardCharsets.UTF_8), PK, pk);
        assertThat(compat.statusCode()).isEqualTo(401);
        assertThat(compat.body().strip()).isEqualTo(MFA_REQUIRED_TEXT);

        assertThat(server.postJson("/v1/auth/password/forgot", "{\"email\":\"ada@example.io\"}", PK, pk).statusCode())
                .isEqualTo(202);
        String reset = find("reset code: (\\S+)", lastMailTo("ada@example.io"));
        assertThat(server.postJson("/v1/auth/password/reset", "{\"email\":\"ada@example.io\",\"code\":\"" + reset
                + "\",\"password\":\"a brand new passphrase\"}", PK, pk).statusCode()).isEqualTo(204);
        HttpResponse<String> afterReset = server.postJson("/v1/auth/signin",
                credentials("ada@example.io", "a brand new passphrase"), PK, pk);
        assertThat(fieldNames(json(ok(afterReset)))).as("the factor outlives the reset").contains("mfaRequired");
        server.world.clock.advance(Duration.ofSeconds(30));
        assertThat(verify(mfaToken(afterReset), code(secret)).statusCode()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- mfa.required: all

    @Test
    void underPolicyAllASignInEnrolsWithItsMfaTokenWhichNothingElseTakes() {
        Signed ada = verifiedUser("ada@example.io");
        patchSettings("{\"mfa\": {\"required\": \"all\"}}");

        HttpResponse<String> first = signIn("ada@example.io");
        JsonNode step = json(ok(first));
        assertThat(fieldNames(step)).containsExactly("mfaEnrollmentRequired", "mfaToken", "expiresIn");
        assertThat(step.get("expiresIn").asLong()).isEqualTo(300);
        String token = step.get("mfaToken").asText();
        String bearer = "Bearer " + token;

        problem(get("/v1/me", bearer), 401, "unauthenticated");
        problem(get("/v1/me/mfa", bearer), 401, "unauthenticated");
        problem(get("/v1/me/sessions", bearer), 401, "unauthenticated");
        problem(delete("/v1/me/mfa/totp", "{\"code\":\"123456\"}", bearer), 401, "unauthenticated");
        problem(post("/v1/auth/reauthenticate", "{\"password\":\"" + PASSWORD + "\"}", bearer), 401, "unauthenticated");
        problem(verify(token, "123456"), 401, "invalid-mfa-token");
        HttpResponse<String> compat = server.get("/me", PK, pk, "Authorization", bearer);
        assertThat(compat.statusCode()).isEqualTo(401);

        String secret = json(ok(post("/v1/me/mfa/totp", null, bearer))).get("secret").asText();
        JsonNode done = json(ok(post("/v1/me/mfa/totp/confirm", codeBody(code(secret)), bearer)));
        assertThat(fieldNames(done)).containsExactly("recoveryCodes", "accessToken", "refreshToken", "tokenType",
                "expiresIn", "user");
        assertThat(done.get("recoveryCodes")).hasSize(10);
        assertThat(done.get("user").get("id").asText()).isEqualTo(ada.userId());
        assertThat(get("/v1/me", "Bearer " + done.get("accessToken").asText()).statusCode()).isEqualTo(200);
        assertThat(get("/v1/me", ada.bearer()).statusCode()).as("enabling a factor ends the other sessions").isEqualTo(401);
        problem(post("/v1/me/mfa/totp/confirm", codeBody(code(secret)), bearer), 401, "invalid-mfa-token");
        problem(post("/v1/me/mfa/totp", null, bearer), 401, "invalid-mfa-token");

        server.world.clock.advance(Duration.ofSeconds(30));
        assertThat(verify(mfaToken(signIn("ada@example.io")), code(secret)).statusCode())
                .as("from now on a sign-in asks for the code").isEqualTo(200);
    }

    @Test
    void underPolicyAllStaticBackendClientsGetNoTokenAndANewUserMustProveTheMailboxBeforeEnrolling() {
        verifiedUser("ada@example.io");
        patchSettings("{\"mfa\": {\"required\": \"all\"}}");

        HttpResponse<String> login = compatLogin("ada@example.io");
        assertThat(login.statusCode()).isEqualTo(401);
        assertThat(login.body().strip()).isEqualTo(MFA_REQUIRED_TEXT);
        HttpResponse<String> register = server.postJson("/register", credentials("bob@example.io", PASSWORD), PK, pk);
        assertThat(register.statusCode()).isEqualTo(401);
        assertThat(register.body().strip()).isEqualTo(MFA_REQUIRED_TEXT);

        HttpResponse<String> signUp = server.postJson("/v1/auth/signup", credentials("carol@example.io", PASSWORD), PK, pk);
        assertThat(signUp.statusCode()).isEqualTo(201);
        JsonNode step = json(signUp.body());
        assertThat(fieldNames(step)).containsExactly("mfaEnrollmentRequired", "mfaToken", "expiresIn");
        problem(post("/v1/me/mfa/totp", null, "Bearer " + step.get("mfaToken").asText()), 403, "email-not-verified");
    }

    @Test
    void anEnrolmentMfaTokenIsRefusedOnceExpired() {
        verifiedUser("ada@example.io");
        patchSettings("{\"mfa\": {\"required\": \"all\"}}");
        String bearer = "Bearer " + mfaToken(signIn("ada@example.io"));
        String secret = json(ok(post("/v1/me/mfa/totp", null, bearer))).get("secret").asText();
        server.world.clock.advance(Duration.ofMinutes(5));
        problem(post("/v1/me/mfa/totp/confirm", codeBody(code(secret)), bearer), 401, "invalid-mfa-token");
    }

    // ---------------------------------------------------------------- step-up

    @Test
    void factorChangesNeedARecentProofWhichARefreshDoesNotRenew() {
        Signed ada = verifiedUser("ada@example.io");
        Enrolled enrolled = enrol(ada);
        String secret = enrolled.secret();

        server.world.clock.advance(Duration.ofMinutes(11));
        JsonNode stale = problem(delete("/v1/me/mfa/totp", codeBody(code(secret)), ada.bearer()), 403,
                "reauthentication-required");
        assertThat(stale.has("field")).isFalse();
        problem(post("/v1/me/mfa/recovery-codes", codeBody(code(secret)), ada.bearer()), 403, "reauthentication-required");
        problem(post("/v1/me/mfa/totp", null, ada.bearer()), 403, "reauthentication-required");
        assertThat(json(ok(get("/v1/me/mfa", ada.bearer()))).get("totpEnabled").asBoolean())
                .as("reading the status needs no step-up").isTrue();

        JsonNode wrong = problem(post("/v1/auth/reauthenticate", "{\"password\":\"not the password\"}", ada.bearer()),
                400, "invalid-input");
        assertThat(wrong.get("field").asText()).isEqualTo("password");
        JsonNode renewed = json(ok(post("/v1/auth/reauthenticate", "{\"code\":\"" + code(secret) + "\"}", ada.bearer())));
        assertThat(fieldNames(renewed)).containsExactly("reauthenticated", "at");
        assertThat(renewed.get("at").asText()).isEqualTo(server.world.clock.now().toString());
        server.world.clock.advance(Duration.ofSeconds(30));
        JsonNode codes = json(ok(post("/v1/me/mfa/recovery-codes", codeBody(code(secret)), ada.bearer())));
        assertThat(codes.get("recoveryCodes")).hasSize(10);
        problem(verifyRecovery(mfaToken(signIn("ada@example.io")), enrolled.recoveryCodes().get(0)), 400, "invalid-code");

        server.world.clock.advance(Duration.ofMinutes(11)); // the access token (15 minutes) expires too
        assertThat(get("/v1/me", ada.bearer()).statusCode()).isEqualTo(401);
        Signed refreshed = refresh(ada);
        problem(delete("/v1/me/mfa/totp", codeBody(code(secret)), refreshed.bearer()), 403, "reauthentication-required");
        ok(post("/v1/auth/reauthenticate", "{\"password\":\"" + PASSWORD + "\"}", refreshed.bearer()));
        HttpResponse<String> off = delete("/v1/me/mfa/totp", codeBody(code(secret)), refreshed.bearer());
        assertThat(off.statusCode()).as(off.body()).isEqualTo(204);

        assertThat(json(ok(get("/v1/me/mfa", refreshed.bearer()))).get("totpEnabled").asBoolean()).isFalse();
        assertThat(fieldNames(json(ok(signIn("ada@example.io"))))).contains("accessToken");
        problem(delete("/v1/me/mfa/totp", codeBody(code(secret)), refreshed.bearer()), 409, "mfa-conflict");
        assertThat(server.world.audit.events(AuditEventType.REAUTHENTICATED)).hasSize(2);
        assertThat(server.world.audit.events(AuditEventType.MFA_DISABLED)).hasSize(1);
    }

    @Test
    void aRecoveryCodeAlsoTurnsTheAppOff() {
        Signed ada = verifiedUser("ada@example.io");
        Enrolled enrolled = enrol(ada);
        problem(delete("/v1/me/mfa/totp", "{}", ada.bearer()), 400, "invalid-input");
        HttpResponse<String> off = delete("/v1/me/mfa/totp",
                "{\"recoveryCode\":\"" + enrolled.recoveryCodes().get(0) + "\"}", ada.bearer());
        assertThat(off.statusCode()).as(off.body()).isEqualTo(204);
        assertThat(json(ok(get("/v1/me/mfa", ada.bearer()))).get("recoveryCodesLeft").asInt()).isZero();
    }

    // ---------------------------------------------------------------- admin reset

    @Test
    void theRootTokenResetsAUsersFactorsAndEndsTheirSessionsAndAScopedKeyCannot() {
        Signed ada = verifiedUser("ada@example.io");
        enrol(ada);
        String path = "/v1/admin/users/" + ada.userId() + "/mfa";

        Credential reader = secretKey(calls.secret(root, "users:read"));
        problem(calls.send(reader, "DELETE", path, null), 403, "not-permitted");
        Credential writer = secretKey(calls.secret(root, "users:write"));
        String ownerId = server.world.users.findByEmail(tenant.tenant().id(),
                new EmailAddress("owner@example.io")).orElseThrow().id().toString();
        problem(calls.send(writer, "DELETE", "/v1/admin/users/" + ownerId + "/mfa", null), 403, "not-permitted");
        problem(calls.send(root, "DELETE", "/v1/admin/users/" + UUID.randomUUID() + "/mfa", null), 404,
                "user-not-found");
        JsonNode malformed = problem(calls.send(root, "DELETE", "/v1/admin/users/not-a-uuid/mfa", null), 400, "invalid-input");
        assertThat(malformed.get("field").asText()).isEqualTo("id");
        assertThat(get("/v1/me", ada.bearer()).statusCode()).as("the refusals changed nothing").isEqualTo(200);
        assertThat(fieldNames(json(ok(signIn("ada@example.io"))))).contains("mfaRequired");

        HttpResponse<String> reset = calls.send(root, "DELETE", path, null);
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(204);
        assertThat(reset.body()).isEmpty();
        problem(get("/v1/me", ada.bearer()), 401, "unauthenticated");
        assertThat(server.postJson("/v1/auth/refresh", "{\"refreshToken\":\"" + ada.refresh() + "\"}", PK, pk)
                .statusCode()).isEqualTo(401);
        assertThat(fieldNames(json(ok(signIn("ada@example.io"))))).as("the password alone signs in again")
                .contains("accessToken");
        assertThat(server.world.audit.events(AuditEventType.MFA_RESET_BY_ADMIN)).singleElement()
                .satisfies(event -> assertThat(event.actor()).isEqualTo("root"));
    }

    @Test
    void aUsersWriteKeyResetsAnOrdinaryUser() {
        Signed ada = verifiedUser("ada@example.io");
        enrol(ada);
        Credential writer = secretKey(calls.secret(root, "users:write"));
        assertThat(calls.send(writer, "DELETE", "/v1/admin/users/" + ada.userId() + "/mfa", null).statusCode())
                .isEqualTo(204);
        assertThat(fieldNames(json(ok(signIn("ada@example.io"))))).contains("accessToken");
    }

    // ---------------------------------------------------------------- refused input and other tenants

    @Test
    void badInputIsA400NamingTheFieldAndBurnsNothing() {
        Signed ada = verifiedUser("ada@example.io");
        String secret = enrol(ada).secret();
        server.world.clock.advance(Duration.ofSeconds(30));
        String token = mfaToken(signIn("ada@example.io"));

        assertThat(problem(verify(token, "12345"), 400, "invalid-input").get("field").asText()).isEqualTo("code");
        assertThat(problem(verify(token, "12345a"), 400, "invalid-input").get("field").asText()).isEqualTo("code");
        problem(server.postJson("/v1/auth/mfa/verify", "{\"mfaToken\":\"" + token + "\",\"code\":\"" + code(secret)
                + "\",\"recoveryCode\":\"ABCD-EFGH-JKLM\"}", PK, pk), 400, "invalid-input");
        problem(server.postJson("/v1/auth/mfa/verify", "{\"mfaToken\":\"" + token + "\"}", PK, pk), 400, "invalid-input");
        assertThat(problem(server.postJson("/v1/auth/mfa/verify", "{\"mfaToken\":\"" + token
                + "\",\"recoveryCode\":\"short\"}", PK, pk), 400, "invalid-input").get("field").asText())
                .isEqualTo("recoveryCode");
        assertThat(problem(server.postJson("/v1/auth/mfa/verify", "{\"code\":\"" + code(secret) + "\"}", PK, pk), 400,
                "invalid-input").get("field").asText()).isEqualTo("mfaToken");
        assertThat(problem(server.postJson("/v1/auth/mfa/verify", "{\"mfaToken\":42,\"code\":\"123456\"}", PK, pk), 400,
                "invalid-input").get("field").asText()).isEqualTo("mfaToken");
        problem(verify("mfa_unknown", "123456"), 401, "invalid-mfa-token");
        for (String route : List.of("/v1/me/mfa/totp", "/v1/me/mfa/totp/confirm", "/v1/me/mfa/recovery-codes",
                "/v1/auth/reauthenticate")) {
            HttpResponse<String> anonymous = server.send(server.request(route).header(PK, pk)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(codeBody("123456"))));
            problem(anonymous, 401, "unauthenticated");
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as(route).hasValue("Bearer");
        }
        problem(post("/v1/me/mfa/totp", null, "Bearer mfa_unknown"), 401, "invalid-mfa-token");
        problem(verify("x".repeat(5000), "123456"), 400, "invalid-input");
        problem(server.postJson("/v1/auth/mfa/verify", "{\"mfaToken\":\"" + token + "\",\"code\":\"123456\"}"), 401,
                "unknown-tenant");

        assertThat(problem(post("/v1/me/mfa/totp/confirm", codeBody("12345"), ada.bearer()), 400, "invalid-input")
                .get("field").asText()).isEqualTo("code");
        problem(post("/v1/auth/reauthenticate", "{\"password\":\"" + PASSWORD + "\",\"code\":\"123456\"}", ada.bearer()),
                400, "invalid-input");
        problem(post("/v1/auth/reauthenticate", "{}", ada.bearer()), 400, "invalid-input");
        problem(server.send(server.request("/v1/auth/mfa/verify").header(PK, pk).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))), 415, "unsupported-media-type");

        assertThat(verify(token, code(secret)).statusCode()).as("none of it spent a try of the token").isEqualTo(200);
        assertThat(server.world.audit.events(AuditEventType.MFA_CHALLENGE_FAILED)).isEmpty();
    }

    @Test
    void tokensOfOneTenantAreNothingAtAnother() {
        ProvisionTenantUseCase.Provisioned other = calls.provision("owner@other.example.io");
        String otherPk = other.tenant().publicKey();
        Signed ada = verifiedUser("ada@example.io");
        String secret = enrol(ada).secret();
        server.world.clock.advance(Duration.ofSeconds(30));
        String token = mfaToken(signIn("ada@example.io"));

        problem(server.postJson("/v1/auth/mfa/verify", verifyBody(token, code(secret)), PK, otherPk), 401, "invalid-mfa-token");
        problem(server.postJson("/v1/auth/mfa/verify", verifyBody(token, code(secret)), "X-API-Key", otherPk), 401,
                "invalid-mfa-token");
        problem(server.get("/v1/me/mfa", PK, otherPk, "Authorization", ada.bearer()), 401, "unauthenticated");
        problem(server.send(server.request("/v1/me/mfa/totp").header(PK, otherPk).header("Authorization", ada.bearer())
                .POST(HttpRequest.BodyPublishers.noBody())), 401, "unauthenticated");
        problem(calls.send(rootToken(otherPk, other.rootToken()), "DELETE", "/v1/admin/users/" + ada.userId() + "/mfa", null),
                404, "user-not-found");
        assertThat(verify(token, code(secret)).statusCode()).as("still good at its own tenant").isEqualTo(200);

        patchSettings("{\"mfa\": {\"required\": \"all\"}}");
        signUpVerifiedUnderPolicyAll("bob@example.io");
        String enrolment = "Bearer " + mfaToken(signIn("bob@example.io"));
        problem(server.send(server.request("/v1/me/mfa/totp").header(PK, otherPk).header("Authorization", enrolment)
                .POST(HttpRequest.BodyPublishers.noBody())), 401, "invalid-mfa-token");
        assertThat(post("/v1/me/mfa/totp", null, enrolment).statusCode()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- helpers

    record Enrolled(String secret, List<String> recoveryCodes) {
    }

    /** Signs up, verifies the address with the mailed code (which ends the sessions), signs in again. */
    private Signed verifiedUser(String email) {
        HttpResponse<String> signUp = server.postJson("/v1/auth/signup", credentials(email, PASSWORD), PK, pk);
        assertThat(signUp.statusCode()).as(signUp.body()).isEqualTo(201);
        Signed first = tokens(signUp);
        HttpResponse<String> sent = post("/v1/auth/email/verify/send", null, first.bearer());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        String code = find("code: (\\S+)", lastMailTo(email));
        ok(server.postJson("/v1/auth/email/verify", "{\"code\":\"" + code + "\"}", PK, pk));
        Signed signed = tokens(ok(signIn(email)));
        assertThat(json(ok(get("/v1/me", signed.bearer()))).get("emailVerified").asBoolean()).isTrue();
        return signed;
    }

    /**
     * Under {@code mfa.required: all} sign-up answers no token to verify the address with: the address is marked
     * verified in the store, as a magic link or a password reset would.
     */
    private void signUpVerifiedUnderPolicyAll(String email) {
        HttpResponse<String> signUp = server.postJson("/v1/auth/signup", credentials(email, PASSWORD), PK, pk);
        assertThat(json(ok(signUp)).has("mfaEnrollmentRequired")).isTrue();
        server.world.users.markEmailVerified(tenant.tenant().id(), server.world.users
                .findByEmail(tenant.tenant().id(), new EmailAddress(email)).orElseThrow().id());
    }

    /** Enrols an authenticator app for a freshly signed-in user; answers its secret and recovery codes. */
    private Enrolled enrol(Signed user) {
        String secret = json(ok(post("/v1/me/mfa/totp", null, user.bearer()))).get("secret").asText();
        JsonNode confirmed = json(ok(post("/v1/me/mfa/totp/confirm", codeBody(code(secret)), user.bearer())));
        return new Enrolled(secret, texts(confirmed.get("recoveryCodes")));
    }

    /** What the authenticator app shows now. */
    private String code(String secret) {
        return server.world.totp.codeAt(TotpSecret.fromBase32(secret), TotpStep.at(server.world.clock.now())).digits();
    }

    /** Six digits that are none of the codes the server accepts now (the previous, current and next step's). */
    private String wrongCode(String secret) {
        TotpSecret key = TotpSecret.fromBase32(secret);
        TotpStep now = TotpStep.at(server.world.clock.now());
        Set<String> accepted = new HashSet<>();
        for (TotpStep step : List.of(now.previous(), now, now.next())) {
            accepted.add(server.world.totp.codeAt(key, step).digits());
        }
        for (int candidate = 0; ; candidate++) {
            String digits = String.format("%06d", candidate);
            if (!accepted.contains(digits)) {
                return digits;
            }
        }
    }

    private void patchSettings(String body) {
        HttpResponse<String> patched = calls.send(root, "PATCH", "/v1/admin/settings", body);
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    }

    private HttpResponse<String> signIn(String email) {
        return server.postJson("/v1/auth/signin", credentials(email, PASSWORD), PK, pk);
    }

    private HttpResponse<String> compatLogin(String email) {
        return server.postJson("/login", credentials(email, PASSWORD), PK, pk);
    }

    private HttpResponse<String> verify(String mfaToken, String code) {
        return server.postJson("/v1/auth/mfa/verify", verifyBody(mfaToken, code), PK, pk);
    }

    private HttpResponse<String> verifyRecovery(String mfaToken, String recoveryCode) {
        return server.postJson("/v1/auth/mfa/verify", JSON.createObjectNode().put("mfaToken", mfaToken)
                .put("recoveryCode", recoveryCode).toString(), PK, pk);
    }

    private static String verifyBody(String mfaToken, String code) {
        return JSON.createObjectNode().put("mfaToken", mfaToken).put("code", code).toString();
    }

    private static String codeBody(String code) {
        return JSON.createObjectNode().put("code", code).toString();
    }

    private Signed refresh(Signed user) {
        return tokens(ok(server.postJson("/v1/auth/refresh", "{\"refreshToken\":\"" + user.refresh() + "\"}", PK, pk)));
    }

    private HttpResponse<String> get(String path, String bearer) {
        return server.get(path, PK, pk, "Authorization", bearer);
    }

    /** POST with a JSON body, or with none when {@code json} is null. */
    private HttpResponse<String> post(String path, String json, String bearer) {
        return send("POST", path, json, bearer);
    }

    private HttpResponse<String> delete(String path, String json, String bearer) {
        return send("DELETE", path, json, bearer);
    }

    private HttpResponse<String> send(String method, String path, String json, String bearer) {
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

    private static String mfaToken(HttpResponse<String> response) {
        JsonNode body = json(ok(response));
        assertThat(body.has("mfaToken")).as(response.body()).isTrue();
        return body.get("mfaToken").asText();
    }

    private static Signed tokens(HttpResponse<String> response) {
        JsonNode body = json(response);
        assertThat(body.has("accessToken")).as(response.body()).isTrue();
        return new Signed(body.get("accessToken").asText(), body.get("refreshToken").asText(),
                body.get("user").get("id").asText());
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

    private String lastMailTo(String to) {
        return server.world.mailOutbox.latestTo(to).orElseThrow().text();
    }

    private static String find(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in %s", regex, text).isTrue();
        return URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(element -> values.add(element.asText()));
        return values;
    }
}
