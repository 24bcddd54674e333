package dev.gatehouse.bootstrap.e2e;

import org.junit.jupiter.api.parallel.Isolated;
import static dev.gatehouse.bootstrap.e2e.NativeClient.bearer;
import static dev.gatehouse.bootstrap.e2e.NativeClient.json;
import static dev.gatehouse.bootstrap.e2e.NativeClient.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server processes on one PostgreSQL database, as in production: a session ended on one is refused
 * on the other within 2 seconds; refresh tokens rotate across processes and a replayed one ends the
 * session everywhere; tokens verify elsewhere from the published JWKS alone. The two processes serve every test
 * of the class (each test works on users of its own), so that they start once.
 */
@Isolated("measures time or load, or stops a server: runs alone")
class SessionsAcrossProcessesIT {
    private static final Duration REVOCATION_DEADLINE = Duration.ofSeconds(2);
    private static final String PK = ServerProcess.DEV_PUBLIC_KEY;

    @TempDir
    static Path dirA;
    @TempDir
    static Path dirB;
    private static ServerProcess a;
    private static ServerProcess b;
    private static Map<String, String> env;

    @BeforeAll
    static void startTwoProcessesOnOneDatabase() {
        env = ServerProcess.sharedPostgresEnvironment();
        env.put("GATEHOUSE_REFRESH_REUSE_GRACE", "1s");
        a = ServerProcess.start(dirA, env);
        b = ServerProcess.start(dirB, env);
    }

    @AfterAll
    static void stop() {
        ServerProcess.closeAll(a, b);
    }

    @Test
    void aSessionEndedOnOneProcessIsRefusedOnTheOtherWithinTwoSeconds() throws Exception {
        String email = CompatClient.uniqueEmail("two-procs");
        JsonNode first = json(post(a, "/v1/auth/signup", null, credentials(email)), 201);
        JsonNode second = json(post(a, "/v1/auth/signin", null, credentials(email)), 200);
        String firstToken = first.get("accessToken").asText();
        String secondToken = second.get("accessToken").asText();
        assertThat(get(b, "/v1/me", firstToken).statusCode()).isEqualTo(200);

        JsonNode sessions = json(get(a, "/v1/me/sessions", secondToken), 200);
        String firstSessionId = null;
        for (JsonNode s : sessions) {
            if (!s.get("current").asBoolean()) {
                firstSessionId = s.get("id").asText();
            }
        }
        assertThat(firstSessionId).isNotNull();
        assertThat(new NativeClient(a).delete("/v1/me/sessions/" + firstSessionId, bearer(PK, secondToken))
                .statusCode()).isEqualTo(204);
        long revokedAt = System.nanoTime();

        assertThat(refusedWithin(b, firstToken)).as("refused on the second process within %s", REVOCATION_DEADLINE)
                .isTrue();
        long elapsedMs = (System.nanoTime() - revokedAt) / 1_000_000;
        assertThat(elapsedMs).isLessThan(REVOCATION_DEADLINE.toMillis());
        assertThat(get(a, "/v1/me", firstToken).statusCode()).isEqualTo(401);
        assertThat(get(b, "/v1/me", secondToken).statusCode()).isEqualTo(200);
    }

    /**
     * A revocation whose time is taken before a lock wait and whose transaction commits 10 s later, while another
     * revocation with a later time commits at once: a feed that followed revocation times moved past the slow
     * one and never refused its token on the other process.
     */
    @Test
    void aRevocationCommittedTenSecondsLateIsRefusedOnTheOtherProcessWithinTwoSecondsOfItsCommit() throws Exception {
        String email = CompatClient.uniqueEmail("late-commit");
        String slowToken = json(post(a, "/v1/auth/signup", null, credentials(email)), 201).get("accessToken").asText();
        String actorToken = json(post(a, "/v1/auth/signin", null, credentials(email)), 200).get("accessToken").asText();
        String quickToken = json(post(a, "/v1/auth/signin", null, credentials(email)), 200).get("accessToken").asText();
        String slowSession = currentSessionId(slowToken);
        String quickSession = currentSessionId(quickToken);
        assertThat(get(b, "/v1/me", slowToken).statusCode()).isEqualTo(200);

        try (java.sql.Connection lock = java.sql.DriverManager.getConnection(env.get("GATEHOUSE_DATABASE_URL"),
                env.get("GATEHOUSE_DATABASE_USER"), null)) {
            lock.setAutoCommit(false);
            try (java.sql.PreparedStatement rowLock = lock.prepareStatement(
                    "select id from user_session where id = ? for update")) {
                rowLock.setObject(1, java.util.UUID.fromString(slowSession));
                rowLock.executeQuery().close();
            }
            long started = System.nanoTime();
            java.util.concurrent.CompletableFuture<HttpResponse<String>> slowRevocation =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> new NativeClient(a)
                            .delete("/v1/me/sessions/" + slowSession, bearer(PK, actorToken)));
            Thread.sleep(6_000);
            assertThat(slowRevocation).as("waiting for the row lock").isNotDone();
            assertThat(new NativeClient(b).delete("/v1/me/sessions/" + quickSession, bearer(PK, actorToken))
                    .statusCode()).isEqualTo(204);
            assertThat(refusedWithin(a, quickToken)).as("the quick revocation reaches the other process").isTrue();
            Thread.sleep(Math.max(0, 10_000 - (System.nanoTime() - started) / 1_000_000));

            lock.rollback(); // the slow revocation's update goes ahead and commits
            long released = System.nanoTime();
            assertThat(slowRevocation.get(10, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(204);
            assertThat(refusedWithin(b, slowToken)).as("refused on the other process within %s of the commit",
                    REVOCATION_DEADLINE).isTrue();
            assertThat((System.nanoTime() - released) / 1_000_000).isLessThan(REVOCATION_DEADLINE.toMillis() + 500);
        }
    }

    private static String currentSessionId(String token) {
        for (JsonNode session : json(get(a, "/v1/me/sessions", token), 200)) {
            if (session.get("current").asBoolean()) {
                return session.get("id").asText();
            }
        }
        throw new AssertionError("no current session");
    }

    @Test
    void refreshTokensRotateAcrossProcessesAndAReplayEndsTheSessionEverywhere() throws Exception {
        String email = CompatClient.uniqueEmail("refresh-procs");
        JsonNode signedUp = json(post(a, "/v1/auth/signup", null, credentials(email)), 201);
        String original = signedUp.get("refreshToken").asText();

        JsonNode rotated = json(post(b, "/v1/auth/refresh", null, "{\"refreshToken\":\"" + original + "\"}"), 200);
        String newAccess = rotated.get("accessToken").asText();
        assertThat(rotated.get("refreshToken").asText()).isNotEqualTo(original);
        assertThat(get(a, "/v1/me", newAccess).statusCode()).isEqualTo(200);

        Thread.sleep(1_500); // past the 1 s grace window configured above
        assertThat(post(a, "/v1/auth/refresh", null, "{\"refreshToken\":\"" + original + "\"}").statusCode())
                .isEqualTo(401);
        assertThat(refusedWithin(b, newAccess)).isTrue();
        assertThat(post(b, "/v1/auth/refresh", null,
                "{\"refreshToken\":\"" + rotated.get("refreshToken").asText() + "\"}").statusCode()).isEqualTo(401);
    }

    @Test
    void tokensVerifyWithAStandardJoseLibraryFromTheJwksAlone() throws Exception {
        JsonNode signedUp = json(post(a, "/v1/auth/signup", null, credentials(CompatClient.uniqueEmail("jwks"))), 201);
        String token = signedUp.get("accessToken").asText();

        HttpResponse<String> jwks = new NativeClient(b).get("/.well-known/jwks.json?sbpk=" + PK, Map.of());
        assertThat(jwks.statusCode()).isEqualTo(200);
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                new ImmutableJWKSet<>(JWKSet.parse(jwks.body()))));
        processor.setJWSTypeVerifier((type, context) -> { }); // accepts at+jwt
        JWTClaimsSet claims = processor.process(token, null);

        assertThat(claims.getSubject()).isEqualTo(signedUp.get("user").get("id").asText());
        assertThat(claims.getIssuer()).isEqualTo("gatehouse");
        assertThat(claims.getStringClaim("sid")).isNotBlank();
    }

    private static boolean refusedWithin(ServerProcess server, String token) throws InterruptedException {
        return new NativeClient(server).answersWithin("/v1/me", bearer(PK, token), 401, REVOCATION_DEADLINE);
    }

    private static String credentials(String email) {
        return "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}";
    }

    private static HttpResponse<String> post(ServerProcess server, String path, String bearer, String body) {
        return new NativeClient(server).post(path, bearer == null ? tenant(PK) : bearer(PK, bearer), body);
    }

    private static HttpResponse<String> get(ServerProcess server, String path, String bearer) {
        return new NativeClient(server).get(path, bearer(PK, bearer));
    }
}
