package dev.gatehouse.bootstrap.e2e;

import org.junit.jupiter.api.parallel.Isolated;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import dev.gatehouse.adapters.crypto.MasterKey;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The done-when for mail: with GreenMail standing in for SMTP, stop it, trigger 20 mails over HTTP
 * ({@code POST /v1/auth/password/forgot}), start it again: exactly 20 arrive, none twice. Once with one server
 * on H2, once with two server processes sharing one PostgreSQL database, the requests spread over both.
 */
@Isolated("measures time or load, or stops a server: runs alone")
class MailOutageIT {
    private static final int MAILS = 20;
    private static final String PK = ServerProcess.DEV_PUBLIC_KEY;
    private static final String PASSWORD = "zq7-Wx93-plk-Rt5";
    private static final Duration DELIVERY_DEADLINE = Duration.ofSeconds(120);

    @TempDir
    Path dirA;
    @TempDir
    Path dirB;
    private final List<ServerProcess> servers = new ArrayList<>();
    private GreenMail smtp;

    @AfterEach
    void stop() {
        servers.forEach(ServerProcess::close);
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void oneServerOnH2DeliversEveryMailOnceAfterTheSmtpServerComesBack() throws Exception {
        run(Database.H2, 1);
    }

    @Test
    void twoServersOnOnePostgresDatabaseDeliverEveryMailOnceAfterTheSmtpServerComesBack() throws Exception {
        run(Database.POSTGRESQL, 2);
    }

    private void run(Database database, int processes) throws Exception {
        int port = freePort();
        smtp = TestMail.startSmtp(port);
        Map<String, String> env = new HashMap<>(database.serverEnvironment());
        env.put("GATEHOUSE_MASTER_KEY", MasterKey.generateBase64());
        env.put("GATEHOUSE_SMTP_URL", "smtp://127.0.0.1:" + port + "?starttls=off&timeout=2s");
        env.put("GATEHOUSE_MAIL_FROM", "noreply@gatehouse.test");
        env.put("GATEHOUSE_MAIL_MAX_RETRY_DELAY", "1s");
        env.put("GATEHOUSE_RATE_LIMITS", "off"); // 20 recovery mails from one address is the point here
        servers.add(ServerProcess.start(dirA, env));
        if (processes == 2) {
            servers.add(ServerProcess.start(dirB, env));
        }
        List<String> addresses = IntStream.range(0, MAILS).mapToObj(i -> "outage-" + i + "@example.com").toList();
        for (int i = 0; i < MAILS; i++) {
            HttpResponse<String> signedUp = client(i).post("/v1/auth/signup", NativeClient.tenant(PK),
                    "{\"email\":\"" + addresses.get(i) + "\",\"password\":\"" + PASSWORD + "\"}");
            assertThat(signedUp.statusCode()).as(signedUp.body()).isEqualTo(201);
        }

        smtp.stop(); // the SMTP server goes down
        for (int i = 0; i < MAILS; i++) {
            HttpResponse<String> forgot = client(i).post("/v1/auth/password/forgot", NativeClient.tenant(PK),
                    "{\"email\":\"" + addresses.get(i) + "\"}");
            assertThat(forgot.statusCode()).as(forgot.body()).isEqualTo(202);
        }
        Thread.sleep(3_000); // every worker tries (and fails) while the server is down
        smtp = TestMail.startSmtp(port); // and comes back

        long deadline = System.nanoTime() + DELIVERY_DEADLINE.toNanos();
        while (smtp.getReceivedMessages().length < MAILS && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        Thread.sleep(3_000); // time for a duplicate to show up, if any were coming

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).as(servers.toString()).hasSize(MAILS);
        assertThat(List.of(received)).extracting(TestMail::messageId).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).matches("<[0-9a-f-]{36}@gatehouse>"));
        assertThat(List.of(received)).extracting(TestMail::recipient)
                .containsExactlyInAnyOrderElementsOf(addresses);
        assertThat(List.of(received)).allSatisfy(m -> assertThat(m.getSubject()).contains("password"));
    }

    private NativeClient client(int request) {
        return new NativeClient(servers.get(request % servers.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
