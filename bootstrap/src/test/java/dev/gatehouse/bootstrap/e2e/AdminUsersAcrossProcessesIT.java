package dev.gatehouse.bootstrap.e2e;

import org.junit.jupiter.api.parallel.Isolated;
import static dev.gatehouse.bootstrap.e2e.NativeClient.bearer;
import static dev.gatehouse.bootstrap.e2e.NativeClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server processes on one PostgreSQL database: a user disabled through {@code PATCH /v1/admin/users/{id}} on
 * one process has their token refused on the other within 2 seconds (the revocation feed), cannot sign in on
 * either, and signs in again once re-enabled. The two processes serve both tests (each works on users of its own),
 * so that they start once.
 */
@Isolated("measures time or load, or stops a server: runs alone")
class AdminUsersAcrossProcessesIT {
    private static final Duration REVOCATION_DEADLINE = Duration.ofSeconds(2);
    private static final String PK = ServerProcess.DEV_PUBLIC_KEY;
    private static final String DEV_ROOT = "safe-to-use-in-dev-root-token";

    @TempDir
    static Path dirA;
    @TempDir
    static Path dirB;
    private static ServerProcess a;
    private static ServerProcess b;

    @BeforeAll
    static void startTwoProcessesOnOneDatabase() {
        Map<String, String> env = ServerProcess.sharedPostgresEnvironment();
        a = ServerProcess.start(dirA, env);
        b = ServerProcess.start(dirB, env);
    }

    @AfterAll
    static void stop() {
        ServerProcess.closeAll(a, b);
    }

    @Test
    void aUserDisabledOnOneProcessIsRefusedOnTheOtherWithinTwoSecondsAndMaySignInOnceEnabled() throws Exception {
        String email = CompatClient.uniqueEmail("disabled-procs");
        String credentials = "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}";
        JsonNode signedUp = json(new NativeClient(a).post("/v1/auth/signup", NativeClient.tenant(PK), credentials), 201);
        String token = signedUp.get("accessToken").asText();
        String userId = signedUp.get("user").get("id").asText();
        assertThat(new NativeClient(b).get("/v1/me", bearer(PK, token)).statusCode()).isEqualTo(200);

        HttpResponse<String> disabled = patch(a, userId, "{\"status\":\"disabled\"}");
        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);

        assertThat(new NativeClient(a).get("/v1/me", bearer(PK, token)).statusCode()).as("at once here").isEqualTo(401);
        assertThat(new NativeClient(b).answersWithin("/v1/me", bearer(PK, token), 401, REVOCATION_DEADLINE))
                .as("refused on the other process within %s", REVOCATION_DEADLINE).isTrue();
        assertThat(new NativeClient(b).post("/v1/auth/signin", NativeClient.tenant(PK), credentials).statusCode())
                .isEqualTo(401);

        assertThat(patch(b, userId, "{\"status\":\"active\"}").statusCode()).isEqualTo(200);
        JsonNode again = json(new NativeClient(a).post("/v1/auth/signin", NativeClient.tenant(PK), credentials), 200);
        assertThat(new NativeClient(b).get("/v1/me", bearer(PK, again.get("accessToken").asText())).statusCode())
                .isEqualTo(200);
        assertThat(new NativeClient(b).get("/v1/me", bearer(PK, token)).statusCode()).isEqualTo(401);
    }

    /**
     * Two processes each demote one of an account's two admins at the same moment: the account lock makes one
     * wait for the other, so exactly one succeeds and the account keeps an admin. Repeated on a few accounts.
     */
    @Test
    void concurrentDemotionsOfAnAccountsTwoAdminsOnTwoProcessesLeaveOneAdmin() throws Exception {
        for (int round = 0; round < 5; round++) {
            String first = CompatClient.uniqueEmail("admin-race");
            String credentials = "{\"email\":\"" + first + "\",\"password\":\"correct horse battery\"}";
            JsonNode owner = json(new NativeClient(a).post("/v1/auth/signup", NativeClient.tenant(PK), credentials), 201);
            String second = CompatClient.uniqueEmail("admin-race");
            JsonNode added = json(new NativeClient(a).post("/v1/account/users",
                    bearer(PK, owner.get("accessToken").asText()), "{\"email\":\"" + second
                            + "\",\"password\":\"correct horse battery\",\"role\":\"account_admin\"}"), 201);
            String firstId = owner.get("user").get("id").asText();
            String secondId = added.get("id").asText();

            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
                var demoteFirst = pool.submit(() -> {
                    go.await();
                    return patch(a, firstId, "{\"role\":\"user\"}").statusCode();
                });
                var demoteSecond = pool.submit(() -> {
                    go.await();
                    return patch(b, secondId, "{\"role\":\"user\"}").statusCode();
                });
                go.countDown();
                assertThat(java.util.List.of(demoteFirst.get(), demoteSecond.get())).as("round %d", round)
                        .containsExactlyInAnyOrder(200, 409);
            }
            JsonNode admins = json(new NativeClient(b).get("/v1/admin/users?role=account_admin&accountId="
                    + owner.get("user").get("accountId").asText(), java.util.Map.of("X-API-Key", PK,
                    "Authorization", "Bearer " + DEV_ROOT)), 200);
            assertThat(admins.get("users")).as("round %d", round).hasSize(1);
        }
    }

    private static HttpResponse<String> patch(ServerProcess server, String userId, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.uri("/v1/admin/users/" + userId))
                .timeout(Duration.ofSeconds(30))
                .header("X-API-Key", PK).header("Authorization", "Bearer " + DEV_ROOT)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }
}
