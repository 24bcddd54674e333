package dev.gatehouse.bootstrap.e2e;

import static dev.gatehouse.bootstrap.e2e.NativeClient.json;
import static dev.gatehouse.bootstrap.e2e.SeveralNodesIT.bearer;
import static dev.gatehouse.bootstrap.e2e.SeveralNodesIT.body;
import static dev.gatehouse.bootstrap.e2e.SeveralNodesIT.credentials;
import static dev.gatehouse.bootstrap.e2e.SeveralNodesIT.freshSource;
import static dev.gatehouse.bootstrap.e2e.SeveralNodesIT.publicKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The partition part of {@link SeveralNodesIT}: node 3's database link goes down for {@value #CUT_SECONDS} s while
 * the test keeps working on all three nodes, then comes back. The nodes run with a revocation staleness bound of
 * {@value SeveralNodesIT#REVOCATION_STALENESS_SECONDS} s (ADR 0031; the default, 15 s, would not show within the cut).
 * <ul>
 *   <li>Nodes 1 and 2 are unaffected: every refresh and sign-in on them answers 2xx within 2 s, and a session ended
 *       on node 1 during the cut is refused on node 2 within 2 s.</li>
 *   <li>Node 3 does no database work: no sign-in it answers during the cut is a 2xx or a 4xx (a database failure must
 *       never read as a wrong password), and {@code /health/ready} never says 200. From {@value #SETTLED_SECONDS} s
 *       after the cut, every sign-in and readiness check started there is answered 503 within 2 s (a request whose
 *       statement was on the wire at the cut waits for the driver's socket timeout: ADR 0030; the probes fire every
 *       {@value #PROBE_EVERY_MILLIS} ms, each on a thread of its own, so such a request holds up no other).</li>
 *   <li>Node 3 stops trusting its revocation set once its feed has been silent for the staleness bound: a token
 *       whose session was ended on node 1 during the cut is answered 200 there at first (node 3 cannot know), and 503
 *       within 2 s for every request started from the bound plus a second after the cut; never 200 after that.</li>
 *   <li>Node 3 rejoins by itself once the link is back: sign-ins work, the session ended elsewhere during the cut is
 *       refused there, it is ready again, and a session ended afterwards is refused on it within 2 s.</li>
 * </ul>
 * The figures of every run are printed (docs/performance.md).
 */
final class PartitionProbe {
    static final int CUT_SECONDS = 15;
    private static final Duration CUT = Duration.ofSeconds(CUT_SECONDS);
    private static final Duration PROMPT = Duration.ofSeconds(2);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(14);
    private static final Duration REJOIN_DEADLINE = Duration.ofSeconds(30);
    static final int SETTLED_SECONDS = 5;
    static final int PROBE_EVERY_MILLIS = 250;
    private static final int CUT_NODE = 3;
    /** When node 3 must distrust its revocation set: its last feed read (at most the cut) + bound + 1 s. */
    private static final long DISTRUST_FROM_MILLIS = (SeveralNodesIT.REVOCATION_STALENESS_SECONDS + 1) * 1_000L;

    /** One answer: status (-1: none within the probe's timeout, -2: connection failed), ms from the cut. */
    record Answer(int node, String kind, int status, long startedMillis, long millis) {
        long completedMillis() {
            return startedMillis + millis;
        }

        @Override
        public String toString() {
            return "node " + node + " " + kind + " -> " + (status == -1 ? "no answer" : status == -2 ? "io error" : status)
                    + " in " + millis + " ms at +" + startedMillis + " ms";
        }
    }

    private final SeveralNodesIT nodes;
    private final NodeNetwork network;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    private final List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
    private long cutAt;

    PartitionProbe(SeveralNodesIT nodes, NodeNetwork network) {
        this.nodes = nodes;
        this.network = network;
    }

    void run() throws Exception {
        List<String[]> chains = new ArrayList<>(); // per healthy node: source, email, refresh token
        for (int i = 0; i < 2; i++) {
            String source = freshSource();
            String email = CompatClient.uniqueEmail("partition-" + (i + 1));
            JsonNode signedUp = json(nodes.node(i).post("/v1/auth/signup", publicKey(source),
                    credentials(email, SeveralNodesIT.PASSWORD)), 201);
            chains.add(new String[] {source, email, signedUp.get("refreshToken").asText()});
        }
        Victim victim = Victim.signedUpOn(nodes, 0);
        for (int i = 0; i < 2; i++) { // cached on node 3 (its first use there also records the session as used)
            assertThat(nodes.node(2).get("/v1/me", bearer(victim.token(), victim.source())).statusCode()).isEqualTo(200);
        }

        network.cutDatabaseLink(CUT_NODE);
        cutAt = System.nanoTime();
        List<Thread> probes = List.of(
                probe("sign-in", () -> post(CUT_NODE, "/v1/auth/signin", publicKey(freshSource()),
                        credentials(victim.email(), SeveralNodesIT.PASSWORD))),
                probe("ready", () -> get(CUT_NODE, "/health/ready", Map.of())),
                probe("me, a session ended elsewhere during the cut", () -> get(CUT_NODE, "/v1/me",
                        bearer(victim.token(), victim.source()))));
        SeveralNodesIT.pause(1_000);
        long revokedAt = victim.endSessionOn(nodes, 0);
        long revocationSeenOnNode2 = -1;
        while (elapsed() < CUT.toMillis()) {
            for (int i = 0; i < 2; i++) {
                int node = i + 1;
                String[] chain = chains.get(i);
                HttpResponse<String> refreshed = record(node, "refresh", () -> post(node, "/v1/auth/refresh",
                        publicKey(chain[0]), body(Map.of("refreshToken", chain[2]))));
                if (refreshed != null && refreshed.statusCode() == 200) {
                    chain[2] = json(refreshed, 200).get("refreshToken").asText();
                }
                record(node, "sign-in", () -> post(node, "/v1/auth/signin", publicKey(freshSource()),
                        credentials(chain[1], SeveralNodesIT.PASSWORD)));
            }
            if (revocationSeenOnNode2 < 0 && status(get(2, "/v1/me", bearer(victim.token(), victim.source()))) == 401) {
                revocationSeenOnNode2 = (System.nanoTime() - revokedAt) / 1_000_000;
            }
            SeveralNodesIT.pause(200);
        }
        network.restoreDatabaseLink(CUT_NODE);
        long restored = elapsed();
        for (Thread probe : probes) {
            probe.join(PROBE_TIMEOUT.toMillis() + 5_000);
        }
        for (Thread request : requests) {
            request.join(PROBE_TIMEOUT.toMillis() + 5_000);
        }

        long signInBack = await(() -> post(CUT_NODE, "/v1/auth/signin", publicKey(freshSource()),
                credentials(victim.email(), SeveralNodesIT.PASSWORD)), status -> status == 200);
        long revocationBack = await(() -> get(CUT_NODE, "/v1/me", bearer(victim.token(), victim.source())),
                status -> status == 401);
        long readyBack = await(() -> get(CUT_NODE, "/health/ready", Map.of()), status -> status == 200);
        Victim later = Victim.signedUpOn(nodes, 1);
        assertThat(nodes.node(2).get("/v1/me", bearer(later.token(), later.source())).statusCode()).isEqualTo(200);
        long laterRevokedAt = later.endSessionOn(nodes, 1);
        long laterRefused = await(() -> get(CUT_NODE, "/v1/me", bearer(later.token(), later.source())),
                status -> status == 401);
        long laterRefusedMillis = laterRefused < 0 ? -1 : (System.nanoTime() - laterRevokedAt) / 1_000_000;

        List<Answer> cut = answers.stream().filter(a -> a.completedMillis() < restored).toList();
        List<Answer> healthy = cut.stream().filter(a -> a.node() != CUT_NODE).toList();
        List<Answer> signIns = cut.stream().filter(a -> a.node() == CUT_NODE && a.kind().equals("sign-in")).toList();
        List<Answer> ready = cut.stream().filter(a -> a.node() == CUT_NODE && a.kind().equals("ready")).toList();
        List<Answer> endedSession = cut.stream()
                .filter(a -> a.node() == CUT_NODE && a.kind().startsWith("me")).toList();
        String report = "partition of node " + CUT_NODE + " for " + CUT_SECONDS + " s (link back at +" + restored
                + " ms):\n  healthy nodes: " + summary(healthy)
                + "\n  node 3 sign-ins: " + summary(signIns) + "\n  node 3 ready: " + summary(ready)
                + "\n  node 3 sign-ins started from +" + SETTLED_SECONDS + " s: " + summary(settled(signIns))
                + "\n  node 3 ready started from +" + SETTLED_SECONDS + " s: " + summary(settled(ready))
                + "\n  node 3 me with a session ended on node 1 at +" + (revokedAt - cutAt) / 1_000_000 + " ms: "
                + summary(endedSession) + "; started from +" + DISTRUST_FROM_MILLIS + " ms: "
                + summary(endedSession.stream().filter(a -> a.startedMillis() >= DISTRUST_FROM_MILLIS).toList())
                + "; last 200 started at +" + endedSession.stream().filter(a -> a.status() == 200)
                .mapToLong(Answer::startedMillis).max().orElse(-1) + " ms"
                + "\n  ended session refused on node 2 after " + revocationSeenOnNode2 + " ms"
                + "\n  after the link came back: sign-in 200 after " + signInBack + " ms, the ended session refused after "
                + revocationBack + " ms, ready after " + readyBack + " ms; a session ended later refused on node 3 after "
                + laterRefusedMillis + " ms";
        System.out.println("SeveralNodesIT " + report);

        assertThat(healthy).as(report).isNotEmpty().allSatisfy(a -> {
            assertThat(a.status() / 100).as("%s", a).isEqualTo(2);
            assertThat(a.millis()).as("%s", a).isLessThan(PROMPT.toMillis());
        });
        assertThat(revocationSeenOnNode2).as(report).isBetween(0L, PROMPT.toMillis());
        assertThat(signIns).as(report).noneMatch(a -> a.status() >= 200 && a.status() < 500);
        assertThat(ready).as(report).noneMatch(a -> a.status() == 200);
        assertThat(List.of(signInBack, revocationBack, readyBack)).as("rejoined (ms after the link came back): " + report)
                .allSatisfy(ms -> assertThat(ms).isBetween(0L, REJOIN_DEADLINE.toMillis()));
        assertThat(laterRefusedMillis).as(report).isBetween(0L, PROMPT.toMillis());
        for (List<Answer> databaseWork : List.of(settled(signIns), settled(ready))) {
            assertThat(databaseWork).as(report).isNotEmpty().allSatisfy(a -> {
                assertThat(a.status()).as("%s", a).isEqualTo(503);
                assertThat(a.millis()).as("%s", a).isLessThan(PROMPT.toMillis());
            });
        }
        assertThat(endedSession).as("before the bound node 3 cannot know of the ending: " + report)
                .allSatisfy(a -> assertThat(a.status()).as("%s", a).isIn(200, 503));
        assertThat(endedSession).as(report).filteredOn(a -> a.startedMillis() >= DISTRUST_FROM_MILLIS)
                .isNotEmpty().allSatisfy(a -> {
                    assertThat(a.status()).as("%s", a).isEqualTo(503);
                    assertThat(a.millis()).as("%s", a).isLessThan(PROMPT.toMillis());
                });
    }

    private static List<Answer> settled(List<Answer> answers) {
        return answers.stream().filter(a -> a.startedMillis() >= SETTLED_SECONDS * 1_000L).toList();
    }

    /**
     * A thread that starts {@code request} on the cut node every {@value #PROBE_EVERY_MILLIS} ms until the cut ends,
     * each on a thread of its own (one that hangs holds up no other), recording each answer.
     */
    private Thread probe(String kind, Supplier<HttpResponse<String>> request) {
        return Thread.ofPlatform().daemon().name("partition-probe-" + kind).start(() -> {
            while (elapsed() < CUT.toMillis()) {
                requests.add(Thread.ofVirtual().start(() -> record(CUT_NODE, kind, request)));
                SeveralNodesIT.pause(PROBE_EVERY_MILLIS);
            }
        });
    }

    private HttpResponse<String> record(int node, String kind, Supplier<HttpResponse<String>> request) {
        long started = elapsed();
        HttpResponse<String> response = request.get();
        answers.add(new Answer(node, kind, status(response), started, elapsed() - started));
        return response instanceof Failed ? null : response;
    }

    /** Repeats {@code request} on the cut node until its status passes; ms from now, -1 after the deadline. */
    private long await(Supplier<HttpResponse<String>> request, Predicate<Integer> wanted) {
        long from = System.nanoTime();
        while (System.nanoTime() - from < REJOIN_DEADLINE.toNanos()) {
            if (wanted.test(status(request.get()))) {
                return (System.nanoTime() - from) / 1_000_000;
            }
            SeveralNodesIT.pause(50);
        }
        return -1;
    }

    private long elapsed() {
        return (System.nanoTime() - cutAt) / 1_000_000;
    }

    private static int status(HttpResponse<String> response) {
        return response instanceof Failed failed ? failed.status : response.statusCode();
    }

    private static String summary(List<Answer> list) {
        Map<String, Integer> byStatus = new TreeMap<>();
        long slowest = 0;
        for (Answer a : list) {
            byStatus.merge(a.status() == -1 ? "no answer in " + PROBE_TIMEOUT.toSeconds() + " s"
                    : a.status() == -2 ? "io error" : Integer.toString(a.status()), 1, Integer::sum);
            slowest = Math.max(slowest, a.millis());
        }
        return list.size() + " answers " + byStatus + ", slowest " + slowest + " ms";
    }

    // ---- raw HTTP without the OpenAPI contract (a database failure answers what no operation documents) ---------

    private HttpResponse<String> get(int node, String path, Map<String, String> headers) {
        return send(node, path, headers, HttpRequest.BodyPublishers.noBody(), "GET");
    }

    private HttpResponse<String> post(int node, String path, Map<String, String> headers, String body) {
        return send(node, path, headers, HttpRequest.BodyPublishers.ofString(body), "POST");
    }

    private HttpResponse<String> send(int node, String path, Map<String, String> headers,
                                      HttpRequest.BodyPublisher body, String method) {
        URI uri = nodes.process(node - 1).uri(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(PROBE_TIMEOUT)
                .header("Content-Type", "application/json").method(method, body);
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            return new Failed(-1);
        } catch (IOException e) {
            return new Failed(-2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** No response: the probe's timeout passed (-1) or the connection failed (-2). */
    private record Failed(int status) implements HttpResponse<String> {
        @Override
        public int statusCode() {
            return status;
        }

        @Override
        public HttpRequest request() {
            return null;
        }

        @Override
        public java.util.Optional<HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true);
        }

        @Override
        public String body() {
            return "";
        }

        @Override
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return java.util.Optional.empty();
        }

        @Override
        public URI uri() {
            return null;
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }

    /** A user with two sessions on the nodes: {@link #token} belongs to the one {@link #endSessionOn} ends. */
    private record Victim(String email, String source, String token, String other) {
        static Victim signedUpOn(SeveralNodesIT nodes, int node) {
            String source = freshSource();
            String email = CompatClient.uniqueEmail("partition-victim");
            String token = json(nodes.node(node).post("/v1/auth/signup", publicKey(source),
                    credentials(email, SeveralNodesIT.PASSWORD)), 201).get("accessToken").asText();
            String other = json(nodes.node(node).post("/v1/auth/signin", publicKey(source),
                    credentials(email, SeveralNodesIT.PASSWORD)), 200).get("accessToken").asText();
            return new Victim(email, source, token, other);
        }

        /** Ends the session of {@link #token} through {@code node}, signed in as the other; when it answered. */
        long endSessionOn(SeveralNodesIT nodes, int node) {
            for (JsonNode session : json(nodes.node(node).get("/v1/me/sessions", bearer(other, source)), 200)) {
                if (!session.get("current").asBoolean()) {
                    assertThat(nodes.node(node).delete("/v1/me/sessions/" + session.get("id").asText(),
                            bearer(other, source)).statusCode()).isEqualTo(204);
                    return System.nanoTime();
                }
            }
            throw new AssertionError("no other session of " + email);
        }
    }
}
