package dev.gatehouse.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The log secret scan itself, on made-up output: what it catches, and the documented exceptions it lets through. */
class ServerLogsTest {
    private static String secret() {
        String secret = "secret-" + UUID.randomUUID();
        SecretsSeen.add(secret);
        return secret;
    }

    private static String json(String logger, String message) {
        return "{\"time\":\"2026-01-01T00:00:00.000Z\",\"level\":\"INFO\",\"logger\":\"" + logger + "\",\"message\":\""
                + message.replace("\"", "\\\"").replace("\n", "\\n") + "\"}";
    }

    @Test
    void aSecretInAnyLineButTheDocumentedDevModeOnesFailsTheServer() {
        String secret = secret();
        List<String> allowed = List.of(
                json("dev.gatehouse.adapters.mail.DevMailboxSender", "DEV MAILBOX: mail <x> to a@b.c:\nyour code " + secret),
                json("dev.gatehouse.bootstrap.Main", "DEV MODE: do not expose this server. root user a / " + secret),
                json("dev.gatehouse.bootstrap.Console", "Try: curl -d '{\"password\":\"" + secret + "\"}'"),
                "[0.012s][warning][cds] a line of the JVM's own");
        assertThatCode(() -> ServerLogs.check("server", allowed, true, false)).doesNotThrowAnyException();

        List<String> leaked = List.of(json("dev.gatehouse.adapters.http.ErrorResponder", "failed with token " + secret));
        assertThatThrownBy(() -> ServerLogs.check("server", leaked, true, false)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("a secret (sec..., " + secret.length() + " characters)")
                .hasMessageContaining("failed with token <SECRET>").hasMessageNotContaining(secret);
        List<String> elsewhere = List.of(json("dev.gatehouse.bootstrap.Main", "housekeeping: " + secret));
        assertThatThrownBy(() -> ServerLogs.check("server", elsewhere, true, false)).isInstanceOf(AssertionError.class);
    }

    @Test
    void inTheTextFormatAMailsLinesBelongToItsEventAndAnOrdinaryLineDoesNot() {
        String secret = secret();
        List<String> mail = List.of("2026-01-01T00:00:00.000Z [gatehouse-mail] [INFO] DevMailboxSender - DEV MAILBOX:"
                + " mail <x> to a@b.c:", "Your code: " + secret, "Try: curl -d '" + secret + "'");
        assertThatCode(() -> ServerLogs.check("server", mail, false, false)).doesNotThrowAnyException();

        List<String> leaked = List.of("2026-01-01T00:00:00.000Z [req 1] [ERROR] ErrorResponder - request failed",
                "java.lang.IllegalStateException: " + secret);
        assertThatThrownBy(() -> ServerLogs.check("server", leaked, false, false)).isInstanceOf(AssertionError.class);
    }

    @Test
    void inTheJsonFormatEveryLineIsAnObjectButACutLastOneAfterAKill() {
        List<String> lines = List.of(json("x", "fine"), "Gatehouse ready on port 1 (plain text)");
        assertThatThrownBy(() -> ServerLogs.check("server", lines, true, false))
                .hasMessageContaining("not a JSON object: Gatehouse ready on port 1");
        List<String> cut = List.of(json("x", "fine"), "{\"time\":\"2026-01-");
        assertThatCode(() -> ServerLogs.check("server", cut, true, true)).doesNotThrowAnyException();
    }

    @Test
    void theClientsRegisterWhatTheySendAndReceive() {
        String password = "pw-" + UUID.randomUUID();
        String token = "tok-" + UUID.randomUUID();
        String code = "code-" + UUID.randomUUID();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:1/v1/auth/password/reset?token=" + code))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"a@example.com\",\"newPassword\":\"" + password
                        + "\",\"short\":\"x\"}")).build();

        SecretsSeen.fromRequest(request);

        assertThat(SecretsSeen.all()).contains(password, token, code).doesNotContain("a@example.com");
        SecretsSeen.add("password-reset"); // a word, as a refused password or a template's name: paths hold it
        assertThat(SecretsSeen.all()).doesNotContain("password-reset");
    }
}
