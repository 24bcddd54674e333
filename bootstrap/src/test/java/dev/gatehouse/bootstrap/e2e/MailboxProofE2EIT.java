package dev.gatehouse.bootstrap.e2e;

import static dev.gatehouse.bootstrap.e2e.NativeClient.bearer;
import static dev.gatehouse.bootstrap.e2e.NativeClient.json;
import static dev.gatehouse.bootstrap.e2e.NativeClient.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pre-registration takeovers (docs/adr/0014-one-time-codes-and-recovery.md, the first-proof rule), against the running
 * jar: an attacker registers the victim's address with a password they know and keeps a session; the first proof of
 * the mailbox by its owner (a magic link, a verification code, a password reset) ends the attacker's sessions, and a
 * magic link or a reset also takes the attacker's password away. Codes are read from the dev mailbox.
 */
class MailboxProofE2EIT {
    private static final String PK = ServerProcess.DEV_PUBLIC_KEY;
    private static final String ROOT = "safe-to-use-in-dev-root-token";
    private static final String APP = "http://localhost:3000/magic";
    private static final String ATTACKERS = "the attacker knows this";
    private static final Duration MAIL_DEADLINE = Duration.ofSeconds(10);

    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.with(Map.of());
    private static final NativeClient client = SERVER.client();

    /** What the attacker holds after registering the victim's address: a compat token and a native pair. */
    private record Foothold(String compatToken, String accessToken, String refreshToken) {
    }

    private static Foothold registerAsAttacker(String email) {
        HttpResponse<String> registered = client.post("/register", Map.of("SB-PUBLIC-KEY", PK),
                credentials(email, ATTACKERS));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        JsonNode signedIn = json(client.post("/v1/auth/signin", tenant(PK), credentials(email, ATTACKERS)), 200);
        assertThat(signedIn.get("user").get("emailVerified").asBoolean()).isFalse();
        return new Foothold(registered.body().replace("\"", ""), signedIn.get("accessToken").asText(),
                signedIn.get("refreshToken").asText());
    }

    /** Every token of the foothold is refused, at once, on this process; the refresh token renews nothing. */
    private static void assertFootholdGone(Foothold foothold) {
        Map<String, String> compatAuth = Map.of("SB-PUBLIC-KEY", PK, "Authorization", "Bearer " + foothold.compatToken());
        assertThat(client.get("/me", compatAuth).statusCode()).isEqualTo(401);
        assertThat(client.get("/account/users", compatAuth).statusCode()).isEqualTo(401);
        assertThat(client.get("/v1/me", bearer(PK, foothold.accessToken())).statusCode()).isEqualTo(401);
        assertThat(client.get("/v1/account", bearer(PK, foothold.accessToken())).statusCode()).isEqualTo(401);
        assertThat(client.post("/v1/auth/refresh", tenant(PK), "{\"refreshToken\":\"" + foothold.refreshToken() + "\"}")
                .statusCode()).isEqualTo(401);
    }

    /** The attacker's password now fails exactly as a wrong password does, on both sign-in routes. */
    private static void assertPasswordGone(String email) {
        HttpResponse<String> compatAttacker = client.post("/login", Map.of("SB-PUBLIC-KEY", PK), credentials(email, ATTACKERS));
        HttpResponse<String> compatWrong = client.post("/login", Map.of("SB-PUBLIC-KEY", PK),
                credentials(email, "certainly not it"));
        assertThat(compatAttacker.statusCode()).isEqualTo(compatWrong.statusCode()).isEqualTo(401);
        assertThat(compatAttacker.body()).isEqualTo(compatWrong.body());
        HttpResponse<String> nativeAttacker = client.post("/v1/auth/signin", tenant(PK), credentials(email, ATTACKERS));
        HttpResponse<String> nativeWrong = client.post("/v1/auth/signin", tenant(PK), credentials(email, "certainly not it"));
        assertThat(nativeAttacker.statusCode()).isEqualTo(nativeWrong.statusCode()).isEqualTo(401);
        assertThat(nativeAttacker.body()).isEqualTo(nativeWrong.body());
    }

    @Test
    void theOwnersFirstMagicLinkEndsTheAttackersSessionsAndTakesTheirPasswordAway() throws Exception {
        String email = CompatClient.uniqueEmail("prereg-magic");
        Foothold foothold = registerAsAttacker(email);

        assertThat(client.post("/v1/auth/magic-link", tenant(PK), body("email", email, "redirectUrl", APP)).statusCode())
                .isEqualTo(202);
        String code = find("[?&]code=([^&\\s\"]+)", awaitMail(email, 1).get("text").asText());
        JsonNode owner = json(client.post("/v1/auth/magic-link/verify", tenant(PK), body("email", email, "code", code)), 200);

        assertThat(owner.get("user").get("emailVerified").asBoolean()).isTrue();
        assertThat(client.get("/v1/me", bearer(PK, owner.get("accessToken").asText())).statusCode()).isEqualTo(200);
        assertFootholdGone(foothold);
        assertPasswordGone(email);
        assertThat(client.post("/v1/auth/refresh", tenant(PK), "{\"refreshToken\":\""
                + owner.get("refreshToken").asText() + "\"}").statusCode()).as("the owner's session renews").isEqualTo(200);

        // The owner sets a password of their own with a reset, and signs in with it.
        assertThat(client.post("/v1/auth/password/forgot", tenant(PK), body("email", email)).statusCode()).isEqualTo(202);
        String reset = find("reset code: (\\S+)", awaitMail(email, 2).get("text").asText());
        assertThat(client.post("/v1/auth/password/reset", tenant(PK), body("email", email, "code", reset, "password",
                "the owner's own one")).statusCode()).isEqualTo(204);
        assertThat(client.post("/v1/auth/signin", tenant(PK), credentials(email, "the owner's own one")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aLaterMagicLinkOfAVerifiedAddressChangesNothingElse() throws Exception {
        String email = CompatClient.uniqueEmail("verified-magic");
        HttpResponse<String> registered = client.post("/register", Map.of("SB-PUBLIC-KEY", PK),
                credentials(email, "the owner's own one"));
        assertThat(registered.statusCode()).isEqualTo(200);
        assertThat(client.post("/v1/auth/password/forgot", tenant(PK), body("email", email)).statusCode()).isEqualTo(202);
        String reset = find("reset code: (\\S+)", awaitMail(email, 1).get("text").asText());
        assertThat(client.post("/v1/auth/password/reset", tenant(PK), body("email", email, "code", reset, "password",
                "the owner's new one")).statusCode()).isEqualTo(204);
        JsonNode session = json(client.post("/v1/auth/signin", tenant(PK), credentials(email, "the owner's new one")), 200);

        assertThat(client.post("/v1/auth/magic-link", tenant(PK), body("email", email, "redirectUrl", APP)).statusCode())
                .isEqualTo(202);
        String code = find("[?&]code=([^&\\s\"]+)", awaitMail(email, 2).get("text").asText());
        json(client.post("/v1/auth/magic-link/verify", tenant(PK), body("email", email, "code", code)), 200);

        assertThat(client.get("/v1/me", bearer(PK, session.get("accessToken").asText())).statusCode()).isEqualTo(200);
        assertThat(client.post("/v1/auth/signin", tenant(PK), credentials(email, "the owner's new one")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void completingVerificationEndsEverySessionOpenedBeforeItAndKeepsThePassword() throws Exception {
        String email = CompatClient.uniqueEmail("prereg-verify");
        Foothold foothold = registerAsAttacker(email);
        // The code is asked for with the attacker's session, and completed without it, by whoever reads the mailbox.
        assertThat(client.post("/v1/auth/email/verify/send", bearer(PK, foothold.accessToken()), "{}").statusCode())
                .isEqualTo(202);
        String code = find("code: (\\S+)", awaitMail(email, 1).get("text").asText());

        JsonNode verified = json(client.post("/v1/auth/email/verify", tenant(PK), body("code", code)), 200);

        assertThat(verified.get("emailVerified").asBoolean()).isTrue();
        assertFootholdGone(foothold);
        assertThat(client.post("/v1/auth/signin", tenant(PK), credentials(email, ATTACKERS)).statusCode())
                .as("verification keeps the password").isEqualTo(200);
    }

    @Test
    void theOwnersPasswordResetEndsTheAttackersSessionsAndReplacesTheirPassword() throws Exception {
        String email = CompatClient.uniqueEmail("prereg-reset");
        Foothold foothold = registerAsAttacker(email);

        assertThat(client.post("/v1/auth/password/forgot", tenant(PK), body("email", email)).statusCode()).isEqualTo(202);
        String reset = find("reset code: (\\S+)", awaitMail(email, 1).get("text").asText());
        assertThat(client.post("/v1/auth/password/reset", tenant(PK), body("email", email, "code", reset, "password",
                "the owner's own one")).statusCode()).isEqualTo(204);

        assertFootholdGone(foothold);
        assertPasswordGone(email);
        JsonNode owner = json(client.post("/v1/auth/signin", tenant(PK), credentials(email, "the owner's own one")), 200);
        assertThat(owner.get("user").get("emailVerified").asBoolean()).isTrue();
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static String credentials(String email, String password) {
        return body("email", email, "password", password);
    }

    /** A JSON object of string fields (test values hold no quotes or backslashes, except an apostrophe). */
    private static String body(String... namesAndValues) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            json.append(i == 0 ? "" : ",").append('"').append(namesAndValues[i]).append("\":\"")
                    .append(namesAndValues[i + 1]).append('"');
        }
        return json.append('}').toString();
    }

    /** Waits for the {@code count}-th mail to {@code to} and answers the newest. */
    private static JsonNode awaitMail(String to, int count) throws InterruptedException {
        long end = System.nanoTime() + MAIL_DEADLINE.toNanos();
        List<JsonNode> mails = mailbox(to);
        while (mails.size() < count && System.nanoTime() < end) {
            Thread.sleep(50);
            mails = mailbox(to);
        }
        assertThat(mails).as("mails to %s", to).hasSizeGreaterThanOrEqualTo(count);
        return mails.getFirst();
    }

    private static List<JsonNode> mailbox(String to) {
        JsonNode mails = json(client.get("/v1/dev/mailbox?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8),
                bearer(PK, ROOT)), 200);
        return StreamSupport.stream(mails.spliterator(), false).toList();
    }

    private static String find(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in %s", regex, text).isTrue();
        return URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    }
}
