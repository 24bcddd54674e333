package dev.gatehouse.bootstrap.e2e;

import static dev.gatehouse.bootstrap.e2e.NativeClient.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import dev.gatehouse.adapters.crypto.MasterKey;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * SIGTERM in the middle of sign-ups and mail delivery (issue 16, item 5): the server stops accepting, lets the
 * requests in flight finish, and its mail worker finishes the mail it is handing over and releases the rest of its
 * claim; then it closes the pool and exits. After a restart on the same data, every sign-up that was answered 201
 * signs in, every password-reset mail asked for (202) arrives exactly once (distinct Message-IDs, one per request),
 * and the mails that were claimed but not sent at the SIGTERM come at once, without waiting for their lease to end.
 * SMTP is GreenMail in the test JVM, behind a relay that slows every client write by 100 ms, so that a delivery
 * takes most of a second and the SIGTERM finds a batch half sent.
 */
@Isolated("measures time or load, or stops a server: runs alone")
class GracefulShutdownIT {
    private static final String PK = ServerProcess.DEV_PUBLIC_KEY;
    private static final String PASSWORD = "zq7-Wx93-plk-Rt5";
    private static final int MAILS = 12;
    private static final long SLOW_SMTP_MILLIS = 100;
    private static final long DELIVERY_DEADLINE_MILLIS = 20_000;
    private static final Pattern DRAINED = Pattern.compile("requests drained in (\\d+) ms.* in (\\d+) ms total");

    @TempDir
    Path dataDir;

    private volatile boolean running = true;
    private volatile boolean stopping;
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

    /** A sign-up as the client saw it: answered with {@code status} at {@code answeredAt} (nanos), or never. */
    private record SignUp(String email, int status, long answeredAt) {
    }

    @Test
    void sigtermFinishesRequestsInFlightAndReleasesClaimedMailsSoNothingIsLostOrSentTwice() throws Exception {
        int smtpPort = freePort();
        GreenMail smtp = TestMail.startSmtp(smtpPort);
        List<SignUp> signUps = Collections.synchronizedList(new ArrayList<>());
        List<String> mailsAskedFor = Collections.synchronizedList(new ArrayList<>());
        Map<String, String> env = new HashMap<>();
        env.put("GATEHOUSE_MASTER_KEY", MasterKey.generateBase64());
        env.put("GATEHOUSE_MAIL_FROM", "noreply@gatehouse.test");
        env.put("GATEHOUSE_MAIL_MAX_RETRY_DELAY", "1s");
        env.put("GATEHOUSE_BCRYPT_COST", "8"); // a sign-up hashes for a while: some are in flight at the SIGTERM
        env.put("GATEHOUSE_HASH_MAX_WAIT", "30s"); // on a busy machine none is shed (LoginFloodIT tests shedding)
        long sigterm;
        long exited;
        int exitCode;
        int deliveredBeforeTheStop;
        String firstRun;
        try (SlowTcpProxy slowSmtp = new SlowTcpProxy(smtpPort, SLOW_SMTP_MILLIS);
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
             ServerProcess server = ServerProcess.start(dataDir, smtpAt(env, slowSmtp.port()))) {
            NativeClient client = new NativeClient(server);
            List<String> users = IntStream.range(0, MAILS).mapToObj(i -> CompatClient.uniqueEmail("graceful-" + i)).toList();
            for (String user : users) {
                assertThat(client.post("/v1/auth/signup", tenant(PK), credentials(user)).statusCode()).isEqualTo(201);
            }
            for (int i = 0; i < 2; i++) {
                clients.submit(() -> signUpUntilStopped(new NativeClient(server), signUps));
            }
            // all at once, so that the worker's first claim takes a full batch
            List<CompletableFuture<Void>> forgot = users.stream().map(user -> CompletableFuture.runAsync(() -> {
                HttpResponse<String> asked = client.post("/v1/auth/password/forgot", tenant(PK),
                        "{\"email\":\"" + user + "\"}");
                assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
                mailsAskedFor.add(user);
            }, clients)).toList();
            CompletableFuture.allOf(forgot.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            awaitMails(smtp, 1, DELIVERY_DEADLINE_MILLIS); // the worker is half-way through a batch now

            sigterm = System.nanoTime();
            stopping = true;
            exitCode = server.stop();
            exited = System.nanoTime();
            running = false;
            deliveredBeforeTheStop = smtp.getReceivedMessages().length;
            clients.shutdown();
            assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            firstRun = server.output();
        } finally {
            running = false; // the sign-up clients end with the server, whatever happened
        }
        assertThat(failures).as("unexpected answers\n--- server output ---\n%s", firstRun).isEmpty();
        assertThat(exitCode).as("the JVM's exit code after SIGTERM").isEqualTo(143);
        int[] outbox = outboxAfterTheStop();

        long restarted;
        long delivered;
        try (ServerProcess restart = ServerProcess.start(dataDir, Map.of("GATEHOUSE_MASTER_KEY", env.get("GATEHOUSE_MASTER_KEY"),
                "GATEHOUSE_MAIL_FROM", "noreply@gatehouse.test", "GATEHOUSE_SMTP_URL",
                "smtp://127.0.0.1:" + smtpPort + "?starttls=off&timeout=2s"))) {
            restarted = System.nanoTime();
            awaitMails(smtp, MAILS, DELIVERY_DEADLINE_MILLIS);
            delivered = System.nanoTime();
            Thread.sleep(1_500); // time for a duplicate to show up, if one were coming
            NativeClient client = new NativeClient(restart);
            List<SignUp> answered = signUps.stream().filter(s -> s.status() == 201).toList();
            assertThat(answered).as("sign-ups answered 201 before or during the drain").isNotEmpty()
                    .allSatisfy(s -> assertThat(client.post("/v1/auth/signin", tenant(PK), credentials(s.email()))
                            .statusCode()).as("%s signs in after the restart", s.email()).isEqualTo(200));
            assertThat(answered).as("a sign-up in flight at the SIGTERM was finished and answered")
                    .anyMatch(s -> s.answeredAt() > sigterm);

            MimeMessage[] received = smtp.getReceivedMessages();
            assertThat(received).as("one mail per request, none twice\n--- first run ---\n%s", firstRun).hasSize(MAILS);
            assertThat(List.of(received)).extracting(TestMail::messageId).doesNotHaveDuplicates();
            assertThat(List.of(received)).extracting(TestMail::recipient)
                    .containsExactlyInAnyOrderElementsOf(mailsAskedFor);
        } finally {
            smtp.stop();
        }
        assertThat(outbox[0]).as("mails left leased by the stopped server").isZero();

        Matcher drained = DRAINED.matcher(firstRun);
        assertThat(drained.find()).as("the shutdown line\n%s", firstRun).isTrue();
        System.out.printf("GracefulShutdownIT figures: requests drained in %s ms, shutdown in %s ms (SIGTERM to exit %d"
                        + " ms); at the stop %d of %d mails sent, %d released unsent (claimed, then pending again), %d"
                        + " never claimed; the rest delivered %d ms after the restart; %d sign-ups answered, %d of them"
                        + " after the SIGTERM%n", drained.group(1), drained.group(2),
                (exited - sigterm) / 1_000_000, deliveredBeforeTheStop, MAILS, outbox[1], outbox[2], (delivered - restarted) / 1_000_000,
                signUps.stream().filter(s -> s.status() == 201).count(),
                signUps.stream().filter(s -> s.status() == 201 && s.answeredAt() > sigterm).count());
    }

    /**
     * Signs up one address after another until the server stops answering. After the SIGTERM, a request on this
     * client's open connection may be answered 503 by the stopping server, and a new connection is refused: neither
     * is an acknowledged write.
     */
    private void signUpUntilStopped(NativeClient client, List<SignUp> signUps) {
        while (running) {
            String email = CompatClient.uniqueEmail("graceful-signup");
            HttpResponse<String> answer;
            try {
                answer = client.post("/v1/auth/signup", tenant(PK), credentials(email));
            } catch (UncheckedIOException refused) {
                if (!stopping) {
                    failures.add("sign-up failed before the SIGTERM: " + refused);
                }
                return;
            }
            signUps.add(new SignUp(email, answer.statusCode(), System.nanoTime()));
            if (answer.statusCode() == 503 && stopping) {
                if (answer.headers().firstValue("Retry-After").isEmpty()) {
                    failures.add("the stopping server's 503 says nothing of when to come back");
                }
                return;
            }
            if (answer.statusCode() != 201) {
                failures.add("sign-up answered " + answer.statusCode() + ": " + answer.body());
                return;
            }
        }
    }

    /**
     * The outbox of the stopped server (H2, free once the process exited): {leased, released, never claimed}. Leased:
     * pending with a lease not yet over. Released: pending, no lease, claimed at least once.
     */
    private int[] outboxAfterTheStop() throws Exception {
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("gatehouse") + ";DATABASE_TO_LOWER=TRUE";
        try (Connection db = DriverManager.getConnection(url, "sa", "");
             Statement query = db.createStatement();
             ResultSet counts = query.executeQuery("select"
                     + " count(case when lease_until is not null and lease_until > current_timestamp then 1 end),"
                     + " count(case when lease_until is null and attempts > 0 then 1 end),"
                     + " count(case when attempts = 0 then 1 end)"
                     + " from mail_outbox where status = 'PENDING'")) {
            counts.next();
            return new int[] {counts.getInt(1), counts.getInt(2), counts.getInt(3)};
        }
    }

    private static void awaitMails(GreenMail smtp, int count, long deadlineMillis) throws InterruptedException {
        long end = System.nanoTime() + deadlineMillis * 1_000_000;
        while (smtp.getReceivedMessages().length < count && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(smtp.getReceivedMessages().length).as("mails received within %d ms", deadlineMillis)
                .isGreaterThanOrEqualTo(count);
    }

    private static Map<String, String> smtpAt(Map<String, String> env, int port) {
        env.put("GATEHOUSE_SMTP_URL", "smtp://127.0.0.1:" + port + "?starttls=off&timeout=2s");
        return env;
    }

    private static String credentials(String email) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
