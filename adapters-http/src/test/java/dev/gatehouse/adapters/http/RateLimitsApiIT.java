package dev.gatehouse.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.fakes.FakeWorld;
import dev.gatehouse.domain.policy.PasswordPolicy;
import dev.gatehouse.domain.tenant.IpRange;
import dev.gatehouse.domain.tenant.RateLimit;
import dev.gatehouse.domain.tenant.RateLimitKind;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.tenant.TenantSettings;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rate limits over HTTP, with the production defaults on: 429 with {@code Retry-After} at the thresholds,
 * in plain text on the StaticBackend routes and as problem+json under {@code /v1}; addresses from
 * {@code X-Forwarded-For} only when the peer (here loopback) is a trusted proxy; an account's owner still signs
 * in from a known address while an attacker hammers the account.
 */
class RateLimitsApiIT {
    private static final String PASSWORD = "correct horse";
    private TestServer server;
    private FakeWorld world;

    private void start(boolean trustLoopback) {
        world = FakeWorld.withRateLimits();
        server = TestServer.start(world, config -> trustLoopback
                ? config.withTrustedProxies(List.of(IpRange.parse("127.0.0.1"), IpRange.parse("::1"))) : config);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void tenant(String key, TenantSettings settings) {
        world.tenants.insert(Tenant.create(new TenantId(UUID.randomUUID()), "Tenant " + key, key,
                settings.withAllowedOrigins(Set.of("*")).withPasswordPolicy(PasswordPolicy.DEFAULT), world.clock.now()));
    }

    private HttpResponse<String> signUp(String key, String email, String from) {
        return server.postJson("/v1/auth/signup", credentials(email, PASSWORD), "SB-PUBLIC-KEY", key,
                "X-Forwarded-For", from);
    }

    private HttpResponse<String> compatLogin(String key, String email, String password, String from) {
        return server.postJson("/login", credentials(email, password), "SB-PUBLIC-KEY", key, "X-Forwarded-For", from);
    }

    private HttpResponse<String> signIn(String key, String email, String password, String from) {
        return server.postJson("/v1/auth/signin", credentials(email, password), "SB-PUBLIC-KEY", key,
                "X-Forwarded-For", from);
    }

    private static String credentials(String email, String password) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }

    private static long retryAfter(HttpResponse<String> response) {
        String value = response.headers().firstValue("Retry-After").orElseThrow(
                () -> new AssertionError("429 without Retry-After: " + response.headers().map()));
        assertThat(value).matches("[1-9][0-9]*");
        return Long.parseLong(value);
    }

    @Test
    void compatLoginAnswers429InPlainTextWithRetryAfterOnTheEleventhFailureFromOneAddress() {
        start(true);
        tenant("pk_a", TenantSettings.DEFAULT);
        assertThat(signUp("pk_a", "ada@example.com", "10.0.0.1").statusCode()).isEqualTo(201);
        for (int i = 1; i <= 10; i++) {
            assertThat(compatLogin("pk_a", "ada@example.com", "wrong password", "203.0.113.9").statusCode())
                    .as("failure " + i).isEqualTo(401);
        }
        HttpResponse<String> limited = compatLogin("pk_a", "ada@example.com", PASSWORD, "203.0.113.9");

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(limited.body()).isEqualTo("too many requests: try again later\n");
        assertThat(retryAfter(limited)).isBetween(1L, 30 * 60L);
        assertThat(limited.headers().firstValue("Cache-Control")).contains("no-store");

        assertThat(compatLogin("pk_a", "ada@example.com", PASSWORD, "198.51.100.7").statusCode())
                .as("the same account from another address").isEqualTo(200);
    }

    @Test
    void nativeSignInAnswers429AsProblemJsonAtTheTenantsConfiguredThreshold() {
        start(true);
        tenant("pk_b", TenantSettings.DEFAULT.withRateLimit(RateLimitKind.LOGIN_PER_IP, RateLimit.perMinute(3)));
        for (int i = 1; i <= 3; i++) {
            assertThat(signIn("pk_b", "user" + i + "@example.com", PASSWORD, "203.0.113.10").statusCode()).isEqualTo(401);
        }
        HttpResponse<String> limited = signIn("pk_b", "user4@example.com", PASSWORD, "203.0.113.10");

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(limited.body()).contains("\"type\":\"urn:gatehouse:problem:rate-limited\"").contains("\"status\":429")
                .doesNotContain("user4");
        assertThat(retryAfter(limited)).isBetween(1L, 120L);
    }

    @Test
    void signUpsFromOneAddressStopAtTwentyAnHourByDefault() {
        start(true);
        tenant("pk_c", TenantSettings.DEFAULT);
        for (int i = 0; i < 20; i++) {
            assertThat(signUp("pk_c", "new" + i + "@example.com", "203.0.113.11").statusCode()).isEqualTo(201);
        }
        HttpResponse<String> limited = server.postJson("/register", credentials("new20@example.com", PASSWORD),
                "SB-PUBLIC-KEY", "pk_c", "X-Forwarded-For", "203.0.113.11");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(retryAfter(limited)).isBetween(1L, 2 * 3600L);
        assertThat(signUp("pk_c", "new20@example.com", "203.0.113.12").statusCode()).isEqualTo(201);
    }

    @Test
    void theOwnerSignsInFromAKnownAddressWhileAnAttackerHammersTheAccountFromMany() {
        start(true);
        tenant("pk_d", TenantSettings.DEFAULT);
        assertThat(signUp("pk_d", "victim@example.com", "192.0.2.50").statusCode()).isEqualTo(201);
        assertThat(signIn("pk_d", "victim@example.com", PASSWORD, "192.0.2.50").statusCode()).isEqualTo(200);

        Map<Integer, Integer> attacker = new TreeMap<>();
        for (int i = 0; i < 150; i++) {
            String from = "198.18." + (i / 8) + "." + (i % 8 + 1); // 8 tries per address: under the per-source throttle
            attacker.merge(signIn("pk_d", "victim@example.com", "guess" + i, from).statusCode(), 1, Integer::sum);
        }
        assertThat(attacker.get(401)).as("guesses that were checked, " + attacker).isBetween(90, 100);
        assertThat(attacker.get(429)).as("guesses refused by the account's cap, " + attacker).isGreaterThanOrEqualTo(50);
        assertThat(signIn("pk_d", "victim@example.com", PASSWORD, "198.18.50.1").statusCode())
                .as("the right password from a new address is capped too: nothing to learn").isEqualTo(429);

        assertThat(signIn("pk_d", "victim@example.com", PASSWORD, "192.0.2.50").statusCode())
                .as("the owner, from the address they signed in from before").isEqualTo(200);
        assertThat(compatLogin("pk_d", "victim@example.com", PASSWORD, "192.0.2.50").statusCode()).isEqualTo(200);
    }

    @Test
    void forwardedForFromAnUntrustedPeerIsIgnored() {
        start(false);
        tenant("pk_e", TenantSettings.DEFAULT);
        for (int i = 1; i <= 10; i++) {
            assertThat(compatLogin("pk_e", "ada@example.com", "wrong", "203.0.113." + i).statusCode()).isEqualTo(401);
        }
        assertThat(compatLogin("pk_e", "ada@example.com", "wrong", "203.0.113.99").statusCode())
                .as("a new X-Forwarded-For each time does not make a new client").isEqualTo(429);
    }

    @Test
    void aTenantsOwnTrustedProxiesAreHonouredForThatTenantOnly() {
        start(false);
        tenant("pk_f", TenantSettings.DEFAULT.withTrustedProxies(Set.of("127.0.0.0/8")));
        for (int i = 1; i <= 15; i++) {
            assertThat(compatLogin("pk_f", "ada@example.com", "wrong", "203.0.113." + i).statusCode())
                    .as("each address is a client of its own").isEqualTo(401);
        }
        tenant("pk_g", TenantSettings.DEFAULT);
        for (int i = 1; i <= 10; i++) {
            compatLogin("pk_g", "ada@example.com", "wrong", "203.0.113." + i);
        }
        assertThat(compatLogin("pk_g", "ada@example.com", "wrong", "203.0.113.50").statusCode()).isEqualTo(429);
    }

    @Test
    void onlyTheHopAddedByATrustedProxyIsBelieved() {
        start(true);
        tenant("pk_h", TenantSettings.DEFAULT);
        // the client forges a first entry; the trusted proxy (loopback) appends the address it saw
        for (int i = 1; i <= 10; i++) {
            assertThat(compatLogin("pk_h", "ada@example.com", "wrong", "10.9.9." + i + ", 203.0.113.77").statusCode())
                    .isEqualTo(401);
        }
        assertThat(compatLogin("pk_h", "ada@example.com", "wrong", "10.9.9.99, 203.0.113.77").statusCode())
                .isEqualTo(429);
        assertThat(compatLogin("pk_h", "ada@example.com", "wrong", "not-an-address").statusCode())
                .as("garbage counts as the proxy itself, a client of its own").isEqualTo(401);
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSameStatusBodyAndHeaders() {
        start(true);
        tenant("pk_i", TenantSettings.DEFAULT);
        assertThat(signUp("pk_i", "known@example.com", "10.0.0.2").statusCode()).isEqualTo(201);
        for (String path : List.of("/login", "/v1/auth/signin")) {
            HttpResponse<String> known = server.postJson(path, credentials("known@example.com", "wrong password"),
                    "SB-PUBLIC-KEY", "pk_i", "X-Forwarded-For", "203.0.113.30");
            HttpResponse<String> unknown = server.postJson(path, credentials("unknown@example.com", "wrong password"),
                    "SB-PUBLIC-KEY", "pk_i", "X-Forwarded-For", "203.0.113.31");
            assertThat(unknown.statusCode()).isEqualTo(known.statusCode()).isEqualTo(401);
            assertThat(unknown.body()).isEqualTo(known.body());
            assertThat(withoutRequestId(unknown)).isEqualTo(withoutRequestId(known));
        }
    }

    private static Map<String, List<String>> withoutRequestId(HttpResponse<String> response) {
        Map<String, List<String>> headers = new TreeMap<>(response.headers().map());
        headers.remove("x-request-id");
        headers.remove("date");
        return headers;
    }
}
