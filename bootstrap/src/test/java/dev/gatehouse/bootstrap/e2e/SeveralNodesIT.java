package dev.gatehouse.bootstrap.e2e;

import org.junit.jupiter.api.parallel.Isolated;
import static dev.gatehouse.bootstrap.e2e.NativeClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.gatehouse.adapters.crypto.JavaOtpTotpAlgorithm;
import dev.gatehouse.adapters.crypto.MasterKey;
import dev.gatehouse.bootstrap.InProcessCommands;
import dev.gatehouse.domain.mfa.TotpSecret;
import dev.gatehouse.domain.mfa.TotpStep;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three server processes on one PostgreSQL database, each in a network namespace of its own ({@link NodeNetwork}),
 * the database a cluster of the test's own ({@link OwnPostgres}) listening on the test's end of each node's database
 * link, an SMTP server (GreenMail) in the test JVM reachable from every namespace. A client in the test's namespace
 * spreads its requests over the three nodes, which must behave as one server: sessions and their revocation (refused on
 * every node within 2 s), rate limits, a signing-key rotation, settings changes, a TOTP code used once, every mail sent
 * once. The last test cuts one node off from the database for 15 s ({@link PartitionProbe}). Skipped, saying why,
 * where network namespaces cannot be made (not root, or {@code ip netns add} refused). Rate limits on, the test's
 * addresses trusted as proxies so that {@code X-Forwarded-For} stands for clients, one source per test.
 */
@Isolated("three servers and a PostgreSQL of its own, a partition and timings: runs alone")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeveralNodesIT {
    static final int NODES = 3;
    static final String PK = ServerProcess.DEV_PUBLIC_KEY;
    static final String PASSWORD = "correct horse battery";
    private static final String DATABASE = "gatehouse_nodes";
    /** GATEHOUSE_REVOCATION_STALENESS of every node: short enough to show within the partition's 15 s. */
    static final int REVOCATION_STALENESS_SECONDS = 5;
    private static final Duration PROPAGATION = Duration.ofSeconds(2);
    private static final String OPERATOR_TOKEN = "operator-" + UUID.randomUUID() + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JavaOtpTotpAlgorithm TOTP = new JavaOtpTotpAlgorithm();
    private static final AtomicInteger SOURCES = new AtomicInteger(1);

    @TempDir
    static Path dataDirs;
    private NodeNetwork network;
    private OwnPostgres postgres;
    private GreenMail smtp;
    private final List<ServerProcess> nodes = new ArrayList<>();
    private final List<NativeClient> clients = new ArrayList<>();
    private Map<String, String> commandEnvironment;
    private java.nio.channels.FileLock claim;
    /** An interrupted run (Ctrl-C, SIGTERM) removes its cluster and namespaces too; the servers go by their own hook. */
    private final Thread cleanUpOnExit = new Thread(this::removeClusterAndNetwork, "several-nodes-cleanup");

    @BeforeAll
    void startThreeNodes() throws Exception {
        String why = NodeNetwork.unavailableBecause();
        Assumptions.assumeTrue(why == null, () -> "SeveralNodesIT skipped: " + why);
        String noCluster = OwnPostgres.unavailableBecause();
        Assumptions.assumeTrue(noCluster == null, () -> "SeveralNodesIT skipped: " + noCluster);
        claim = NodeNetwork.claim(Duration.ofMinutes(3));
        Assumptions.assumeTrue(claim != null,
                "SeveralNodesIT skipped: another run on this machine held the node network for 3 minutes");
        NodeNetwork.removeLeftovers();
        OwnPostgres.removeLeftovers();
        Runtime.getRuntime().addShutdownHook(cleanUpOnExit);

        long started = System.nanoTime();
        network = NodeNetwork.create(NODES);
        postgres = OwnPostgres.start(network.databaseAddresses());
        String database = postgres.createDatabase(DATABASE);
        int smtpPort = freePort();
        smtp = new GreenMail(new ServerSetup(smtpPort, network.servicesAddress(), ServerSetup.PROTOCOL_SMTP));
        smtp.start();

        Map<String, String> shared = new HashMap<>();
        shared.put("GATEHOUSE_MASTER_KEY", MasterKey.generateBase64());
        shared.put("GATEHOUSE_DATABASE_USER", "postgres");
        shared.put("GATEHOUSE_RATE_LIMITS", "on");
        shared.put("GATEHOUSE_TRUSTED_PROXIES", "10.213.0.0/16");
        shared.put("GATEHOUSE_OPERATOR_TOKEN", OPERATOR_TOKEN);
        shared.put("GATEHOUSE_MAIL_FROM", "noreply@gatehouse.test");
        shared.put("GATEHOUSE_MAIL_MAX_RETRY_DELAY", "1s");
        shared.put("GATEHOUSE_REVOCATION_STALENESS", REVOCATION_STALENESS_SECONDS + "s");
        commandEnvironment = new HashMap<>(shared);
        commandEnvironment.put("GATEHOUSE_MODE", "dev");
        commandEnvironment.put("GATEHOUSE_DATABASE_URL", postgres.jdbcUrl(network.databaseAddress(1), database));

        List<Map<String, String>> environments = new ArrayList<>();
        for (int n = 1; n <= NODES; n++) {
            Map<String, String> env = new HashMap<>(shared);
            env.put("GATEHOUSE_DATABASE_URL", postgres.jdbcUrl(network.databaseAddress(n), database));
            env.put("GATEHOUSE_SMTP_URL", "smtp://" + network.servicesAddress() + ":" + smtpPort
                    + "?starttls=off&timeout=2s");
            environments.add(env);
        }
        // The first node migrates the database and seeds the dev tenant; the other two start side by side after it.
        long prepared = System.nanoTime();
        nodes.add(startNode(1, environments.getFirst()));
        long first = System.nanoTime();
        List<CompletableFuture<ServerProcess>> others = List.of(
                CompletableFuture.supplyAsync(() -> startNode(2, environments.get(1))),
                CompletableFuture.supplyAsync(() -> startNode(3, environments.get(2))));
        RuntimeException failed = null;
        for (CompletableFuture<ServerProcess> other : others) {
            try {
                nodes.add(other.join()); // kept even when the other failed, so that both are stopped
            } catch (java.util.concurrent.CompletionException e) {
                failed = failed == null ? e : failed;
            }
        }
        if (failed != null) {
            throw failed;
        }
        nodes.forEach(node -> clients.add(new NativeClient(node)));
        System.out.printf("SeveralNodesIT: namespaces and PostgreSQL in %d ms, node 1 in %d ms, nodes 2 and 3 in %d ms%n",
                (prepared - started) / 1_000_000, (first - prepared) / 1_000_000, (System.nanoTime() - first) / 1_000_000);
    }

    private ServerProcess startNode(int n, Map<String, String> env) {
        Path dir = dataDirs.resolve("node-" + n);
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ServerProcess.start(dir, env, network.inside(n), network.nodeAddress(n));
    }

    @AfterAll
    void stopEverything() throws IOException {
        try {
            ServerProcess.closeAll(nodes.toArray(ServerProcess[]::new));
        } finally {
            if (smtp != null) {
                smtp.stop();
            }
            removeClusterAndNetwork();
            if (claim != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(cleanUpOnExit);
                } catch (IllegalStateException exiting) {
                    // the hook runs anyway
                }
                claim.channel().close();
            }
        }
    }

    private synchronized void removeClusterAndNetwork() {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
        if (network != null) {
            network.close();
            network = null;
        }
    }

    /** The client of node {@code i} (0-based, taken modulo 3): round robin over the nodes. */
    NativeClient node(int i) {
        return clients.get(Math.floorMod(i, NODES));
    }

    /** A client address of its own (X-Forwarded-For), so that no limit met by one test counts in another. */
    static String freshSource() {
        int n = SOURCES.getAndIncrement();
        return "198.51." + (100 + n / 250) + "." + (1 + n % 250);
    }

    static Map<String, String> publicKey(String source) {
        return Map.of("X-API-Key", PK, "X-Forwarded-For", source);
    }

    static Map<String, String> bearer(String token, String source) {
        return Map.of("X-API-Key", PK, "Authorization", "Bearer " + token, "X-Forwarded-For", source);
    }

    static String credentials(String email, String password) {
        return body(Map.of("email", email, "password", password));
    }

    static String body(Map<String, ?> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @Order(1)
    void aSessionIsTheSameOnEveryNodeAndItsEndIsRefusedOnEveryNodeWithinTwoSeconds() throws Exception {
        String source = freshSource();
        String email = CompatClient.uniqueEmail("nodes-session");
        JsonNode first = json(node(0).post("/v1/auth/signup", publicKey(source), credentials(email, PASSWORD)), 201);
        String actor = json(node(1).post("/v1/auth/signin", publicKey(source), credentials(email, PASSWORD)), 200)
                .get("accessToken").asText();
        for (int i = 0; i < NODES; i++) {
            assertThat(json(node(i).get("/v1/me", bearer(first.get("accessToken").asText(), source)), 200)
                    .get("email").asText()).as("node %d", i + 1).isEqualTo(email);
        }
        JsonNode rotated = json(node(2).post("/v1/auth/refresh", publicKey(source),
                body(Map.of("refreshToken", first.get("refreshToken").asText()))), 200);
        String access = rotated.get("accessToken").asText();
        JsonNode again = json(node(0).post("/v1/auth/refresh", publicKey(source),
                body(Map.of("refreshToken", rotated.get("refreshToken").asText()))), 200);
        assertThat(again.get("refreshToken").asText()).isNotEqualTo(rotated.get("refreshToken").asText());
        access = again.get("accessToken").asText();
        for (int i = 0; i < NODES; i++) {
            assertThat(node(i).get("/v1/me", bearer(access, source)).statusCode()).isEqualTo(200);
        }

        String sessionId = null;
        for (JsonNode session : json(node(1).get("/v1/me/sessions", bearer(actor, source)), 200)) {
            if (!session.get("current").asBoolean()) {
                sessionId = session.get("id").asText();
            }
        }
        assertThat(sessionId).as("the first session, seen from the second").isNotNull();
        assertThat(node(1).delete("/v1/me/sessions/" + sessionId, bearer(actor, source)).statusCode()).isEqualTo(204);
        List<Long> refusedAfterMillis = refusedOnEveryNode(access, source);
        assertThat(refusedAfterMillis).as("ms until each node refused the ended session's token")
                .allSatisfy(ms -> assertThat(ms).isLessThan(PROPAGATION.toMillis()));
        for (int i = 0; i < NODES; i++) {
            assertThat(node(i).get("/v1/me", bearer(actor, source)).statusCode()).as("the other session").isEqualTo(200);
        }
    }

    /** Polls every node at once for a 401 on {@code token}: the ms each took from now (Long.MAX_VALUE: never). */
    List<Long> refusedOnEveryNode(String token, String source) {
        long from = System.nanoTime();
        List<CompletableFuture<Long>> polls = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            NativeClient client = node(i);
            polls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return client.answersWithin("/v1/me", bearer(token, source), 401, PROPAGATION.plusSeconds(1))
                            ? (System.nanoTime() - from) / 1_000_000 : Long.MAX_VALUE;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Long.MAX_VALUE;
                }
            }));
        }
        return polls.stream().map(CompletableFuture::join).toList();
    }

    @Test
    @Order(2)
    void failedSignInsSpreadOverTheNodesMeetOneThreshold() {
        String source = freshSource();
        String email = CompatClient.uniqueEmail("nodes-limit");
        json(node(0).post("/v1/auth/signup", publicKey(source), credentials(email, PASSWORD)), 201);
        String attacker = freshSource();
        for (int i = 0; i < 10; i++) {
            assertThat(node(i).post("/v1/auth/signin", publicKey(attacker), credentials(email, "wrong password " + i))
                    .statusCode()).as("failure %d, on node %d", i + 1, i % NODES + 1).isEqualTo(401);
        }
        for (int i = 0; i < NODES; i++) {
            HttpResponse<String> limited = node(i).post("/v1/auth/signin", publicKey(attacker),
                    credentials(email, PASSWORD));
            assertThat(limited.statusCode()).as("node %d", i + 1).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        }
        assertThat(node(2).post("/v1/auth/signin", publicKey(source), credentials(email, PASSWORD)).statusCode())
                .as("the owner, from another address").isEqualTo(200);
    }

    @Test
    @Order(3)
    void aSettingsChangeOnOneNodeTakesEffectOnTheOthersWithinTwoSeconds() throws Exception {
        OperatorTenant tenant = newTenant("Settings Co");
        String shortPassword = "twelve-chars"; // 12 characters: fine under the default policy, refused under 20
        for (int i = 1; i < NODES; i++) {
            assertThat(node(i).post("/v1/auth/signup", tenant.from(freshSource()),
                    credentials(CompatClient.uniqueEmail("before"), shortPassword)).statusCode()).isEqualTo(201);
        }
        json(node(0).patch("/v1/admin/settings", tenant.root(), "{\"passwordPolicy\": {\"minLength\": 20}}"), 200);
        long changed = System.nanoTime();
        List<CompletableFuture<Long>> polls = new ArrayList<>();
        for (int i = 1; i < NODES; i++) {
            NativeClient client = node(i);
            polls.add(CompletableFuture.supplyAsync(() -> {
                long end = changed + PROPAGATION.plusSeconds(1).toNanos();
                while (System.nanoTime() < end) {
                    HttpResponse<String> signUp = client.post("/v1/auth/signup", tenant.from(freshSource()),
                            credentials(CompatClient.uniqueEmail("after"), shortPassword));
                    if (signUp.statusCode() == 400) {
                        return (System.nanoTime() - changed) / 1_000_000;
                    }
                    pause(100);
                }
                return Long.MAX_VALUE;
            }));
        }
        assertThat(polls.stream().map(CompletableFuture::join).toList()).as("ms until the other nodes applied it")
                .allSatisfy(ms -> assertThat(ms).isLessThan(PROPAGATION.toMillis()));
    }

    @Test
    @Order(4)
    void aRotatedSigningKeyIsUsedAndAcceptedOnEveryNodeBesideTheRetiredOne() {
        OperatorTenant tenant = newTenant("Rotation Co");
        String source = freshSource();
        String email = CompatClient.uniqueEmail("nodes-rotation");
        // Nodes 1 and 2 sign with the tenant's first key; node 3 only verifies until after the rotation.
        String before1 = json(node(0).post("/v1/auth/signup", tenant.from(source), credentials(email, PASSWORD)), 201)
                .get("accessToken").asText();
        String before2 = json(node(1).post("/v1/auth/signin", tenant.from(source), credentials(email, PASSWORD)), 200)
                .get("accessToken").asText();
        assertThat(node(2).get("/v1/me", tenant.signedIn(before1, source)).statusCode()).isEqualTo(200);
        String oldKey = header(before1).get("kid").asText();
        assertThat(header(before2).get("kid").asText()).isEqualTo(oldKey);

        String tenantId = claims(before1).get("aud").isArray() ? claims(before1).get("aud").get(0).asText()
                : claims(before1).get("aud").asText();
        long rotating = System.nanoTime();
        InProcessCommands.Result rotated = InProcessCommands.run(commandEnvironment, "keys", "rotate", "--tenant",
                tenantId);
        System.out.printf("SeveralNodesIT: gatehouse keys rotate took %d ms%n", (System.nanoTime() - rotating) / 1_000_000);
        assertThat(rotated.exitCode()).as(rotated.output()).isZero();

        String after = json(node(2).post("/v1/auth/signin", tenant.from(source), credentials(email, PASSWORD)), 200)
                .get("accessToken").asText();
        String newKey = header(after).get("kid").asText();
        assertThat(newKey).as("node 3 signs with the new key").isNotEqualTo(oldKey);
        for (int i = 0; i < NODES; i++) {
            for (String token : List.of(before1, before2, after)) {
                assertThat(node(i).get("/v1/me", tenant.signedIn(token, source)).statusCode())
                        .as("node %d, a token signed with %s", i + 1, header(token).get("kid").asText()).isEqualTo(200);
            }
            JsonNode jwks = json(node(i).get("/.well-known/jwks.json?sbpk=" + tenant.publicKey(), Map.of()), 200);
            List<String> published = new ArrayList<>();
            jwks.get("keys").forEach(key -> published.add(key.get("kid").asText()));
            assertThat(published).as("node %d publishes both keys", i + 1).contains(oldKey, newKey);
        }
        // Node 1 may keep signing with the key it loaded for up to a minute (JwtTokenService.SIGNING_KEY_RECHECK):
        // whichever it uses now, every node accepts the token.
        String later = json(node(0).post("/v1/auth/signin", tenant.from(source), credentials(email, PASSWORD)), 200)
                .get("accessToken").asText();
        assertThat(header(later).get("kid").asText()).isIn(oldKey, newKey);
        for (int i = 0; i < NODES; i++) {
            assertThat(node(i).get("/v1/me", tenant.signedIn(later, source)).statusCode()).isEqualTo(200);
        }
    }

    private static JsonNode header(String jwt) {
        return decodePart(jwt, 0);
    }

    private static JsonNode claims(String jwt) {
        return decodePart(jwt, 1);
    }

    private static JsonNode decodePart(String jwt, int part) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[part]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @Order(5)
    void aTotpCodeUsedOnOneNodeIsRefusedOnAnother() throws Exception {
        String source = freshSource();
        String email = CompatClient.uniqueEmail("nodes-mfa");
        String token = json(node(0).post("/v1/auth/signup", publicKey(source), credentials(email, PASSWORD)), 201)
                .get("accessToken").asText();
        assertThat(node(1).post("/v1/auth/email/verify/send", bearer(token, source), "{}").statusCode()).isEqualTo(202);
        String code = find("Your confirmation code: (\\S+)", awaitMail(email, "Your confirmation code"));
        json(node(2).post("/v1/auth/email/verify", publicKey(source), body(Map.of("code", code))), 200);
        token = json(node(0).post("/v1/auth/signin", publicKey(source), credentials(email, PASSWORD)), 200)
                .get("accessToken").asText();
        String secret = json(node(1).post("/v1/me/mfa/totp", bearer(token, source), ""), 200).get("secret").asText();
        json(node(2).post("/v1/me/mfa/totp/confirm", bearer(token, source), body(Map.of("code", totp(secret, 0)))),
                200);

        String used = totp(secret, 1); // the next step's code: accepted now, later than the confirming one
        JsonNode signedIn = json(node(1).post("/v1/auth/mfa/verify", publicKey(source),
                body(Map.of("mfaToken", mfaToken(node(0), email, source), "code", used))), 200);
        assertThat(signedIn.get("accessToken").asText()).isNotBlank();
        HttpResponse<String> replayed = node(2).post("/v1/auth/mfa/verify", publicKey(source),
                body(Map.of("mfaToken", mfaToken(node(2), email, source), "code", used)));
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(400);
        assertThat(json(replayed, 400).get("type").asText()).isEqualTo("urn:gatehouse:problem:invalid-code");
    }

    private static String mfaToken(NativeClient on, String email, String source) {
        JsonNode step = json(on.post("/v1/auth/signin", publicKey(source), credentials(email, PASSWORD)), 200);
        assertThat(step.get("mfaRequired").asBoolean()).isTrue();
        return step.get("mfaToken").asText();
    }

    private static String totp(String secret, int stepsAhead) {
        TotpStep step = TotpStep.at(Instant.now());
        for (int i = 0; i < stepsAhead; i++) {
            step = step.next();
        }
        return TOTP.codeAt(TotpSecret.fromBase32(secret), step).digits();
    }

    @Test
    @Order(6)
    void everyMailIsSentOnceWhicheverNodeQueuedIt() throws Exception {
        int mails = 12;
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < mails; i++) {
            String email = CompatClient.uniqueEmail("nodes-outbox-" + i);
            addresses.add(email);
            json(node(i).post("/v1/auth/signup", publicKey(freshSource()), credentials(email, PASSWORD)), 201);
        }
        for (int i = 0; i < mails; i++) {
            assertThat(node(i + 1).post("/v1/auth/password/forgot", publicKey(freshSource()),
                    body(Map.of("email", addresses.get(i)))).statusCode()).isEqualTo(202);
        }
        for (String address : addresses) {
            awaitMail(address, "Your reset code");
        }
        Thread.sleep(2_000); // time for a second copy to arrive, if any were coming
        List<MimeMessage> resets = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (addresses.contains(TestMail.recipient(message)) && text(message).contains("Your reset code")) {
                resets.add(message);
            }
        }
        assertThat(resets).extracting(TestMail::recipient).containsExactlyInAnyOrderElementsOf(addresses);
        assertThat(resets).extracting(TestMail::messageId).doesNotHaveDuplicates();
    }

    @Test
    @Order(99)
    void aNodeCutOffFromTheDatabaseDoesNoDatabaseWorkTheOthersCarryOnAndItRejoinsByItself() throws Exception {
        new PartitionProbe(this, network).run();
    }

    @Test
    @Order(100)
    void aStatementWaitingForItsAnswerWhenTheLinkGoesSilentFailsWithinSecondsNotAfterTheSocketTimeout()
            throws Exception {
        new SilentLinkProbe(this, network, postgres, DATABASE).run();
    }

    OperatorTenant newTenant(String name) {
        JsonNode created = json(node(0).post("/v1/tenants", Map.of("Authorization", "Bearer " + OPERATOR_TOKEN),
                body(Map.of("name", name, "ownerEmail", CompatClient.uniqueEmail("owner")))), 201);
        return new OperatorTenant(created.get("publicKey").asText(), created.get("rootToken").asText(), null);
    }

    ServerProcess process(int i) {
        return nodes.get(i);
    }

    // ---- mail, as GreenMail received it ------------------------------------------------------------------------

    /** Waits (10 s at most) for a mail to {@code to} whose text contains {@code marker}; its text. */
    String awaitMail(String to, String marker) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end) {
            for (MimeMessage message : smtp.getReceivedMessages()) {
                if (to.equals(TestMail.recipient(message)) && text(message).contains(marker)) {
                    return text(message);
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no mail with '" + marker + "' to " + to);
    }

    /** The decoded text/plain parts of a message. */
    private static String text(Part part) {
        try {
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                StringBuilder all = new StringBuilder();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    all.append(text(child));
                }
                return all.toString();
            }
            return part.isMimeType("text/plain") ? String.valueOf(part.getContent()) : "";
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String find(String regex, String text) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as("'%s' in %s", regex, text).isTrue();
        return matcher.group(1);
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
