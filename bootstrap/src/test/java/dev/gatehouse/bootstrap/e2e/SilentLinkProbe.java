package dev.gatehouse.bootstrap.e2e;

import static dev.gatehouse.bootstrap.e2e.NativeClient.json;
import static dev.gatehouse.bootstrap.e2e.SeveralNodesIT.bearer;
import static dev.gatehouse.bootstrap.e2e.SeveralNodesIT.credentials;
import static dev.gatehouse.bootstrap.e2e.SeveralNodesIT.freshSource;
import static dev.gatehouse.bootstrap.e2e.SeveralNodesIT.publicKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A part of {@link SeveralNodesIT}: a statement of node 3 is on the wire, acknowledged and waiting for its answer (an
 * update of a user row the test holds locked), when node 3's database link goes silent. The driver's sockets probe a
 * silent peer after 2 s ({@code KeepAliveSocketFactory}, ADR 0030), so the request is answered 503 within seconds,
 * not after the 30-s socket timeout. The lock is then released and the link restored; node 3 signs in again.
 */
final class SilentLinkProbe {
    private static final int NODE = 3;
    /** Keepalive gives up about 5 s after the last traffic; the socket timeout would take 30. */
    private static final Duration WITHIN = Duration.ofSeconds(12);

    private final SeveralNodesIT nodes;
    private final NodeNetwork network;
    private final OwnPostgres postgres;
    private final String database;

    SilentLinkProbe(SeveralNodesIT nodes, NodeNetwork network, OwnPostgres postgres, String database) {
        this.nodes = nodes;
        this.network = network;
        this.postgres = postgres;
        this.database = database;
    }

    void run() throws Exception {
        String source = freshSource();
        String email = CompatClient.uniqueEmail("silent-link");
        String token = json(nodes.node(NODE - 1).post("/v1/auth/signup", publicKey(source),
                credentials(email, SeveralNodesIT.PASSWORD)), 201).get("accessToken").asText();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest.Builder patch = HttpRequest.newBuilder(nodes.process(NODE - 1).uri("/v1/me"))
                .timeout(Duration.ofSeconds(45)).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"name\":\"Waiting for a lock\"}"));
        bearer(token, source).forEach(patch::header);

        long cut;
        long answered;
        int status;
        try (Connection holder = postgres.connect(database)) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement(
                    "select id from app_user where email = ? for update")) {
                lock.setString(1, email.toLowerCase(java.util.Locale.ROOT));
                try (ResultSet row = lock.executeQuery()) {
                    assertThat(row.next()).as("the test holds the user's row").isTrue();
                }
            }
            CompletableFuture<HttpResponse<String>> waiting = http.sendAsync(patch.build(),
                    HttpResponse.BodyHandlers.ofString());
            SeveralNodesIT.pause(1_500); // node 3's update now waits for the row lock, its bytes acknowledged
            assertThat(waiting).as("node 3's request waits for the lock").isNotDone();
            network.cutDatabaseLink(NODE);
            cut = System.nanoTime();
            try {
                HttpResponse<String> response = waiting.get(40, TimeUnit.SECONDS);
                answered = System.nanoTime();
                status = response.statusCode();
            } finally {
                holder.rollback();
            }
        } finally {
            network.restoreDatabaseLink(NODE);
        }
        long millis = (answered - cut) / 1_000_000;
        System.out.printf("SeveralNodesIT silent link: a statement waiting for its answer on node 3 was answered %d"
                + " %d ms after the link went silent%n", status, millis);
        assertThat(status).as("a database failure, not an error").isEqualTo(503);
        assertThat(millis).as("found by keepalive, not the 30-s socket timeout").isLessThan(WITHIN.toMillis());

        long back = System.nanoTime();
        while (nodes.node(NODE - 1).post("/v1/auth/signin", publicKey(freshSource()),
                credentials(email, SeveralNodesIT.PASSWORD)).statusCode() != 200) {
            assertThat(System.nanoTime() - back).as("node 3 rejoins").isLessThan(Duration.ofSeconds(30).toNanos());
            SeveralNodesIT.pause(100);
        }
    }
}
