package dev.gatehouse.bootstrap.e2e;

import org.junit.jupiter.api.parallel.Isolated;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed sign-in, a password-reset request and a magic-link request take as long for an address that has an
 * account as for one that has none: the real server,
 * bcrypt at the production cost of 10, rate limits on. Requests for known and unknown addresses are interleaved
 * (in random order within each pair, each from an address of its own, so no limit is met), and the medians must
 * lie within 25% of each other; a busy machine gets one retry with fresh samples. The same pairs also answer the
 * same status and body.
 */
@Isolated("measures time or load, or stops a server: runs alone")
class EnumerationTimingIT {
    private static final String PK = ServerProcess.DEV_PUBLIC_KEY;
    private static final String PASSWORD = "correct horse battery";
    private static final int ACCOUNTS = 12;
    private static final int WARM_UP = 16;
    private static final int SAMPLES = 90;
    private static final double ALLOWED_RELATIVE_DIFFERENCE = 0.25;
    private static final String DEV_ROOT_TOKEN = "safe-to-use-in-dev-root-token";

    @TempDir
    static Path dir;
    private static ServerProcess server;
    private static final List<String> known = new ArrayList<>();
    private static int nextAddress;

    @BeforeAll
    static void start() {
        server = ServerProcess.start(dir, Map.of("GATEHOUSE_BCRYPT_COST", "10", "GATEHOUSE_RATE_LIMITS", "on",
                "GATEHOUSE_TRUSTED_PROXIES", "127.0.0.1,::1"));
        for (int i = 0; i < ACCOUNTS; i++) {
            String email = CompatClient.uniqueEmail("known" + i);
            assertThat(post("/v1/auth/signup", credentials(email, PASSWORD)).statusCode()).isEqualTo(201);
            known.add(email);
        }
        // Each known address gets far more reset and magic-link requests here than the 5 an hour a real one may:
        // raised through the tenant's settings (the sign-in limits are met by no request of this test).
        HttpResponse<String> raised = new NativeClient(server).patch("/v1/admin/settings",
                Map.of("SB-PUBLIC-KEY", PK, "Authorization", "Bearer " + DEV_ROOT_TOKEN),
                "{\"rateLimits\":{\"recoveryPerAccount\":{\"limit\":1000000,\"windowSeconds\":3600}}}");
        assertThat(raised.statusCode()).as(raised.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** A new client address for every request: 10.x.y.z, never repeated in this run. */
    private static synchronized String nextAddress() {
        int n = ++nextAddress;
        return "10." + (n >> 16 & 0xFF) + "." + (n >> 8 & 0xFF) + "." + (n & 0xFF);
    }

    private static HttpResponse<String> post(String path, String body) {
        return new NativeClient(server).post(path, Map.of("SB-PUBLIC-KEY", PK, "X-Forwarded-For", nextAddress()), body);
    }

    private static String credentials(String email, String password) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }

    @Test
    void compatLoginFailsInTheSameTimeForKnownAndUnknownAddresses() {
        assertSameTiming("/login", email -> credentials(email, "wrong password 1"));
    }

    @Test
    void nativeSignInFailsInTheSameTimeForKnownAndUnknownAddresses() {
        assertSameTiming("/v1/auth/signin", email -> credentials(email, "wrong password 2"));
    }

    @Test
    void passwordForgotAnswersInTheSameTimeForKnownAndUnknownAddresses() {
        assertSameTiming("/v1/auth/password/forgot", email -> "{\"email\":\"" + email + "\"}", 202);
    }

    @Test
    void magicLinkRequestsAnswerInTheSameTimeForKnownAndUnknownAddresses() {
        assertSameTiming("/v1/auth/magic-link", email -> "{\"email\":\"" + email
                + "\",\"redirectUrl\":\"http://localhost:3000/magic\"}", 202);
    }

    private void assertSameTiming(String path, Function<String, String> body) {
        assertSameTiming(path, body, 401);
    }

    private void assertSameTiming(String path, Function<String, String> body, int status) {
        Random random = new Random(path.hashCode());
        for (int i = 0; i < WARM_UP; i++) {
            post(path, body.apply(i % 2 == 0 ? known.get(i % ACCOUNTS) : CompatClient.uniqueEmail("warm")));
        }
        String verdict = compare(path, body, random, status);
        if (verdict != null) {
            System.out.println(path + ": " + verdict + "; retrying once with fresh samples");
            verdict = compare(path, body, random, status);
        }
        assertThat(verdict).as(path).isNull();
    }

    /** Null when the medians agree within the allowance, else what differed. */
    private String compare(String path, Function<String, String> body, Random random, int status) {
        long[] knownNanos = new long[SAMPLES];
        long[] unknownNanos = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            String knownEmail = known.get(i % ACCOUNTS);
            String unknownEmail = CompatClient.uniqueEmail("nobody");
            boolean knownFirst = random.nextBoolean();
            Timed first = timed(path, body.apply(knownFirst ? knownEmail : unknownEmail));
            Timed second = timed(path, body.apply(knownFirst ? unknownEmail : knownEmail));
            Timed forKnown = knownFirst ? first : second;
            Timed forUnknown = knownFirst ? second : first;
            assertThat(forKnown.response().statusCode()).as(path + " " + forKnown.response().body()).isEqualTo(status);
            assertThat(forUnknown.response().statusCode()).as(path).isEqualTo(status);
            assertThat(forUnknown.response().body()).as(path).isEqualTo(forKnown.response().body());
            knownNanos[i] = forKnown.nanos();
            unknownNanos[i] = forUnknown.nanos();
        }
        double knownMedian = median(knownNanos);
        double unknownMedian = median(unknownNanos);
        double difference = Math.abs(knownMedian - unknownMedian) / Math.max(knownMedian, unknownMedian);
        String summary = String.format("median %.1f ms (known) vs %.1f ms (unknown), %.1f%% apart over %d pairs",
                knownMedian / 1e6, unknownMedian / 1e6, difference * 100, SAMPLES);
        System.out.println(path + ": " + summary);
        return difference <= ALLOWED_RELATIVE_DIFFERENCE ? null : summary;
    }

    private record Timed(HttpResponse<String> response, long nanos) {
    }

    private static Timed timed(String path, String body) {
        long start = System.nanoTime();
        HttpResponse<String> response = post(path, body);
        return new Timed(response, System.nanoTime() - start);
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }
}
