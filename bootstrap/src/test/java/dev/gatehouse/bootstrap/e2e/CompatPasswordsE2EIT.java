package dev.gatehouse.bootstrap.e2e;

import static dev.gatehouse.bootstrap.e2e.NativeClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Passwords as StaticBackend's own clients use them, against the running jar in dev mode (rate limits on):
 * the short test passwords of their suites once the tenant turns screening off, and the Go client's
 * {@code SetPassword} ({@code POST /user/changepw}).
 */
class CompatPasswordsE2EIT {
    private static final String PK = ServerProcess.DEV_PUBLIC_KEY;
    private static final Map<String, String> ROOT = Map.of("SB-PUBLIC-KEY", PK,
            "Authorization", "Bearer safe-to-use-in-dev-root-token");

    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.with(Map.of("GATEHOUSE_RATE_LIMITS", "on"));
    private static final NativeClient client = SERVER.client();
    private static final CompatClient compat = SERVER.compat();

    private static Map<String, String> user(String token) {
        return Map.of("SB-PUBLIC-KEY", PK, "Authorization", "Bearer " + token);
    }

    private static String token(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body().replace("\"", "");
    }

    private static HttpResponse<String> addUser(String token, String email, String password) {
        return client.post("/account/users", user(token),
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    }

    private static HttpResponse<String> changePassword(String token, String email, String old, String next) {
        return client.post("/user/changepw", user(token),
                "{\"email\":\"" + email + "\",\"oldPassword\":\"" + old + "\",\"newPassword\":\"" + next + "\"}");
    }

    private static int me(String token) {
        return client.get("/me", user(token)).statusCode();
    }

    private static void patchSettings(String patch) {
        HttpResponse<String> patched = client.patch("/v1/admin/settings", ROOT, patch);
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    }

    @Test
    void theClientSuitesShortPasswordsAreAcceptedOnceTheTenantLowersTheMinimumAndTurnsScreeningOff() {
        // what StaticBackend's client test suites do: register unit@test.com with "unit", add a user with "passwd1234"
        String email = "unit@test.com";
        String added = CompatClient.uniqueEmail("added");
        HttpResponse<String> tooShort = compat.register(email, "unit");
        assertThat(tooShort.statusCode()).as(tooShort.body()).isEqualTo(400);
        assertThat(tooShort.body()).contains("at least 8");
        HttpResponse<String> common = compat.register(CompatClient.uniqueEmail("common"), "password");
        assertThat(common.statusCode()).as(common.body()).isEqualTo(400);
        assertThat(common.body()).startsWith("password is too common");

        patchSettings("{\"passwordPolicy\":{\"minLength\":4}}");
        try {
            HttpResponse<String> screened = compat.register(email, "unit");
            assertThat(screened.statusCode()).as("the email-name check still applies").isEqualTo(400);
            assertThat(screened.body()).contains("must not contain the name of the email address");

            patchSettings("{\"passwordPolicy\":{\"screening\":false}}");
            String registered = token(compat.register(email, "unit"));
            assertThat(me(registered)).isEqualTo(200);
            token(compat.login(email, "unit"));
            HttpResponse<String> newUser = addUser(registered, added, "passwd1234");
            assertThat(json(newUser, 200).get("email").asText()).isEqualTo(added);
            token(compat.login(added, "passwd1234"));
            assertThat(addUser(registered, CompatClient.uniqueEmail("common"), "password").statusCode())
                    .as("the common-password check is off too").isEqualTo(200);
            HttpResponse<String> belowMinimum = compat.register(CompatClient.uniqueEmail("short"), "abc");
            assertThat(belowMinimum.statusCode()).as("the minimum still applies").isEqualTo(400);
            assertThat(belowMinimum.body()).contains("at least 4");

            JsonNode settings = json(client.get("/v1/admin/settings", ROOT), 200).get("passwordPolicy");
            assertThat(settings.get("minLength").asInt()).isEqualTo(4);
            assertThat(settings.get("screening").asBoolean()).isFalse();
            JsonNode audit = json(client.get("/v1/admin/audit-events?limit=100", ROOT), 200);
            assertThat(audit.get("events").findValuesAsText("type")).contains("TENANT_SETTINGS_CHANGED");
        } finally {
            patchSettings("{\"passwordPolicy\":null}");
        }
        HttpResponse<String> screenedAgain = compat.register(CompatClient.uniqueEmail("again"), "password");
        assertThat(screenedAgain.statusCode()).as(screenedAgain.body()).isEqualTo(400);
    }

    @Test
    void setPasswordChecksTheOldPasswordAndTheEmailAppliesThePolicyAndEndsTheOtherSessions() throws Exception {
        String email = CompatClient.uniqueEmail("setpw");
        String here = token(compat.register(email, "Old-Lantern-Orbit-1"));
        String other = token(compat.login(email, "Old-Lantern-Orbit-1"));

        HttpResponse<String> someoneElse = changePassword(here, CompatClient.uniqueEmail("victim"),
                "Old-Lantern-Orbit-1", "New-Quartz-Harbour-2");
        assertThat(someoneElse.statusCode()).as(someoneElse.body()).isEqualTo(403);
        assertThat(someoneElse.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        HttpResponse<String> wrongOld = changePassword(here, email, "not-my-password", "New-Quartz-Harbour-2");
        assertThat(wrongOld.statusCode()).isEqualTo(400);
        assertThat(wrongOld.body()).startsWith("oldPassword:");
        HttpResponse<String> weak = changePassword(here, email, "Old-Lantern-Orbit-1", "short");
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(weak.body()).contains("at least 8");
        HttpResponse<String> missing = client.post("/user/changepw", user(here),
                "{\"email\":\"" + email + "\",\"oldPassword\":\"Old-Lantern-Orbit-1\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).startsWith("newPassword:");
        assertThat(client.post("/user/changepw", Map.of("SB-PUBLIC-KEY", PK), "{}").statusCode()).isEqualTo(401);
        assertThat(me(other)).as("nothing changed yet").isEqualTo(200);

        HttpResponse<String> changed = changePassword(here, email.toUpperCase(java.util.Locale.ROOT),
                "Old-Lantern-Orbit-1", "New-Quartz-Harbour-2");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(changed.body()).isEqualTo("true");
        assertThat(changed.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/json");

        assertThat(me(other)).as("the other session ended").isEqualTo(401);
        assertThat(me(here)).as("this session stays").isEqualTo(200);
        assertThat(compat.login(email, "Old-Lantern-Orbit-1").statusCode()).isEqualTo(401);
        token(compat.login(email, "New-Quartz-Harbour-2"));
        String mailbox = "/v1/dev/mailbox?to=" + URLEncoder.encode(email, StandardCharsets.UTF_8);
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode mails = json(client.get(mailbox, ROOT), 200);
        while (mails.isEmpty() && System.nanoTime() < end) {
            Thread.sleep(50);
            mails = json(client.get(mailbox, ROOT), 200);
        }
        assertThat(mails.findValuesAsText("subject")).anySatisfy(subject ->
                assertThat(subject).containsIgnoringCase("password was changed"));
    }

    @Test
    void wrongOldPasswordsAreThrottledLikeSignIns() {
        String email = CompatClient.uniqueEmail("setpw-throttle");
        String here = token(compat.register(email, "Old-Lantern-Orbit-1"));
        patchSettings("{\"rateLimits\":{\"loginPerAccount\":{\"limit\":3}}}");
        try {
            for (int i = 0; i < 3; i++) {
                assertThat(changePassword(here, email, "wrong-" + i, "New-Quartz-Harbour-2").statusCode())
                        .isEqualTo(400);
            }

            HttpResponse<String> throttled = changePassword(here, email, "Old-Lantern-Orbit-1", "New-Quartz-Harbour-2");
            assertThat(throttled.statusCode()).as(throttled.body()).isEqualTo(429);
            assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        } finally {
            patchSettings("{\"rateLimits\":{\"loginPerAccount\":null}}");
        }
        assertThat(compat.login(email, "Old-Lantern-Orbit-1").statusCode()).as("nothing changed").isEqualTo(200);
    }
}
