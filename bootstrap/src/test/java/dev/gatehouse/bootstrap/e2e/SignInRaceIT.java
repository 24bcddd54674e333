package dev.gatehouse.bootstrap.e2e;

import org.junit.jupiter.api.parallel.Isolated;
import static dev.gatehouse.bootstrap.e2e.NativeClient.bearer;
import static dev.gatehouse.bootstrap.e2e.NativeClient.json;
import static dev.gatehouse.bootstrap.e2e.NativeClient.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sign-ins racing a session-ending change (docs/adr/0008-session-revocation.md, the security stamp): several
 * clients sign in over and over with the current password, alternating the StaticBackend {@code /login} and the
 * native {@code /v1/auth/signin}, while a password reset, a removal from the account, an admin disable or a role
 * demotion happens. Two seconds after the change, no token obtained with the old state may work on any process
 * ({@code /me}, {@code /v1/me}) and no refresh token obtained with it may be exchanged. On the embedded H2 (one
 * process) and on PostgreSQL with two processes, the sign-ins spread over both and the change made on one.
 * bcrypt runs at cost 6 here (not the tests' usual 4), so that each sign-in spends some milliseconds between
 * reading the user and storing its session, as in production, while a case still takes a few seconds. The change
 * comes once the clients are in full swing, so that sign-ins are in flight when it commits. Once the two seconds
 * are up, the old tokens are tried on a few threads at once (every one of them still is).
 */
@Isolated("measures time or load, or stops a server: runs alone")
class SignInRaceIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PK = ServerProcess.DEV_PUBLIC_KEY;
    private static final String ROOT = "safe-to-use-in-dev-root-token";
    private static final String PASSWORD = "correct horse battery";
    private static final int CLIENTS = 6;
    /** The change comes once this many sign-ins succeeded (the clients are in full swing), or after the limit. */
    private static final int WARM_SIGN_INS = 4;
    private static final Duration WARM_UP_LIMIT = Duration.ofSeconds(20);
    private static final Duration AFTER_CHANGE = Duration.ofMillis(300);
    private static final Duration DEADLINE = Duration.ofSeconds(2);
    /** Threads that try the old tokens on the servers after the deadline. */
    private static final int CHECKERS = 4;

    @TempDir
    static Path h2Dir;
    @TempDir
    static Path pgDirA;
    @TempDir
    static Path pgDirB;
    private static ServerProcess h2;
    private static ServerProcess pgA;
    private static ServerProcess pgB;

    @BeforeAll
    static void startServers() {
        // A slow machine must not shed the sign-ins (503) that the test needs in flight.
        Map<String, String> cost = Map.of("GATEHOUSE_BCRYPT_COST", "6", "GATEHOUSE_HASH_MAX_WAIT", "60s");
        h2 = ServerProcess.start(h2Dir, cost);
        Map<String, String> pg = ServerProcess.sharedPostgresEnvironment();
        pg.putAll(cost);
        pgA = ServerProcess.start(pgDirA, pg);
        pgB = ServerProcess.start(pgDirB, pg);
    }

    @AfterAll
    static void stopServers() {
        ServerProcess.closeAll(h2, pgA, pgB);
    }

    enum Change {
        PASSWORD_RESET, REMOVAL_FROM_ACCOUNT, ADMIN_DISABLE, ROLE_DEMOTION
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (String database : List.of("h2", "postgresql")) {
            for (Change change : Change.values()) {
                all.add(Arguments.of(database, change));
            }
        }
        return all.stream();
    }

    private record Obtained(String accessToken, String refreshToken, String how, ServerProcess from) {
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void noTokenObtainedWithTheOldStateWorksTwoSecondsAfterTheChange(String database, Change change) throws Exception {
        List<ServerProcess> servers = database.equals("h2") ? List.of(h2) : List.of(pgA, pgB);
        ServerProcess changer = servers.getFirst();
        NativeClient admin = new NativeClient(changer);

        // An account owner and a second account admin, who signs in below.
        String ownerEmail = CompatClient.uniqueEmail("race-owner");
        JsonNode owner = json(admin.post("/v1/auth/signup", tenant(PK), credentials(ownerEmail, PASSWORD)), 201);
        String ownerToken = owner.get("accessToken").asText();
        String email = CompatClient.uniqueEmail("race-" + change.name().toLowerCase());
        JsonNode member = json(admin.post("/v1/account/users", bearer(PK, ownerToken),
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"account_admin\"}"), 201);
        String memberId = member.get("id").asText();
        String resetCode = change == Change.PASSWORD_RESET ? resetCode(admin, email) : null;

        ConcurrentLinkedQueue<Obtained> obtained = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> loops = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            ServerProcess server = servers.get(i % servers.size());
            int first = i;
            loops.add(clients.submit(() -> {
                for (int n = first; !stop.get(); n++) {
                    signIn(server, email, n % 2 == 0).ifPresent(obtained::add);
                }
                return null;
            }));
        }
        long warmUntil = System.nanoTime() + WARM_UP_LIMIT.toNanos();
        while (obtained.size() < WARM_SIGN_INS && System.nanoTime() < warmUntil) {
            Thread.sleep(20);
        }
        HttpResponse<String> changed = switch (change) {
            case PASSWORD_RESET -> admin.post("/password/reset", Map.of("SB-PUBLIC-KEY", PK),
                    "{\"email\":\"" + email + "\",\"code\":\"" + resetCode + "\",\"password\":\"a new password 1\"}");
            case REMOVAL_FROM_ACCOUNT -> admin.delete("/v1/account/users/" + memberId, bearer(PK, ownerToken));
            case ADMIN_DISABLE -> admin.patch("/v1/admin/users/" + memberId, bearer(PK, ROOT),
                    "{\"status\":\"disabled\"}");
            case ROLE_DEMOTION -> admin.patch("/v1/account/users/" + memberId, bearer(PK, ownerToken),
                    "{\"role\":\"user\"}");
        };
        long changedAt = System.nanoTime();
        assertThat(changed.statusCode()).as(changed.body()).isBetween(200, 204);
        Thread.sleep(AFTER_CHANGE.toMillis());
        stop.set(true);
        clients.shutdown();
        assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        for (Future<?> loop : loops) {
            loop.get();
        }

        // Tokens with the old state: every token, except after a demotion, where sign-ins after it carry the new role.
        List<Obtained> old = obtained.stream()
                .filter(o -> change != Change.ROLE_DEMOTION || "account_admin".equals(claim(o.accessToken(), "role")))
                .toList();
        assertThat(old).as("sign-ins before the change succeeded").isNotEmpty();

        long wait = DEADLINE.toNanos() - (System.nanoTime() - changedAt);
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        ConcurrentLinkedQueue<String> survivors = new ConcurrentLinkedQueue<>();
        ExecutorService checkers = Executors.newFixedThreadPool(CHECKERS);
        List<Future<?>> checks = new ArrayList<>();
        for (Obtained token : old) {
            checks.add(checkers.submit(() -> trySurvives(token, servers, survivors)));
        }
        checkers.shutdown();
        for (Future<?> check : checks) {
            check.get();
        }
        assertThat(survivors).as("of %d tokens obtained with the old state, those still working %s after the %s",
                old.size(), DEADLINE, change).isEmpty();
    }

    /** Adds to {@code survivors} each route and server where the token still works, and its refresh if it does. */
    private static void trySurvives(Obtained token, List<ServerProcess> servers, Collection<String> survivors) {
        for (ServerProcess server : servers) {
            NativeClient on = new NativeClient(server);
            Map<String, String> compatAuth = Map.of("SB-PUBLIC-KEY", PK, "Authorization", "Bearer "
                    + token.accessToken());
            // Routes that read the user, and routes that decide on the token's claims alone.
            Map<String, Integer> answers = new java.util.LinkedHashMap<>();
            answers.put("/me", on.get("/me", compatAuth).statusCode());
            answers.put("/account/users", on.get("/account/users", compatAuth).statusCode());
            answers.put("/v1/me", on.get("/v1/me", bearer(PK, token.accessToken())).statusCode());
            answers.put("/v1/account", on.get("/v1/account", bearer(PK, token.accessToken())).statusCode());
            if (answers.values().stream().anyMatch(status -> status < 400)) {
                survivors.add(token.how() + " token from " + token.from() + ": " + answers + " on " + server);
            }
        }
        if (token.refreshToken() != null) {
            HttpResponse<String> refreshed = new NativeClient(servers.getLast()).post("/v1/auth/refresh",
                    tenant(PK), "{\"refreshToken\":\"" + token.refreshToken() + "\"}");
            if (refreshed.statusCode() != 401) {
                survivors.add(token.how() + " refresh token from " + token.from() + ": "
                        + refreshed.statusCode() + " " + refreshed.body());
            }
        }
    }

    /** One sign-in; the token (and refresh token, native only) when it succeeded. */
    private static java.util.Optional<Obtained> signIn(ServerProcess server, String email, boolean compat) {
        NativeClient on = new NativeClient(server);
        if (compat) {
            HttpResponse<String> answer = on.post("/login", Map.of("SB-PUBLIC-KEY", PK), credentials(email, PASSWORD));
            return answer.statusCode() == 200
                    ? java.util.Optional.of(new Obtained(answer.body().replace("\"", ""), null, "/login", server))
                    : java.util.Optional.empty();
        }
        HttpResponse<String> answer = on.post("/v1/auth/signin", tenant(PK), credentials(email, PASSWORD));
        if (answer.statusCode() != 200) {
            return java.util.Optional.empty();
        }
        JsonNode body = json(answer, 200);
        return java.util.Optional.of(new Obtained(body.get("accessToken").asText(), body.get("refreshToken").asText(),
                "/v1/auth/signin", server));
    }

    private static String resetCode(NativeClient on, String email) {
        HttpResponse<String> answer = on.get("/password/resetcode?e=" + URLEncoder.encode(email, StandardCharsets.UTF_8),
                Map.of("SB-PUBLIC-KEY", PK, "Authorization", "Bearer " + ROOT));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.body().replace("\"", "");
    }

    private static String credentials(String email, String password) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }

    /** A claim of a JWT, read without checking it (the server checks it). */
    private static String claim(String jwt, String name) {
        String[] parts = jwt.split("\\.");
        try {
            JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return payload.path(name).asText(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
