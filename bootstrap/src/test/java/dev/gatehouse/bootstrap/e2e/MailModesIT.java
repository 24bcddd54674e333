package dev.gatehouse.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.adapters.crypto.MasterKey;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the real server treats mail in each mode: the dev mailbox in dev mode only, no silent prod without SMTP. */
class MailModesIT {
    private static final Map<String, String> DEV_ROOT = Map.of("X-API-Key", ServerProcess.DEV_PUBLIC_KEY,
            "Authorization", "Bearer safe-to-use-in-dev-root-token");

    @TempDir
    Path dir;

    private static Map<String, String> prod(Map<String, String> more) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("GATEHOUSE_MODE", "prod",
                "GATEHOUSE_MASTER_KEY", MasterKey.generateBase64(), "GATEHOUSE_BCRYPT_COST", "10",
                "GATEHOUSE_HOST", "127.0.0.1"));
        env.putAll(more);
        return env;
    }

    @Test
    void devModeServesTheDevMailboxToTheRootTokenOnly() {
        try (ServerProcess server = ServerProcess.start(dir, Map.of())) {
            NativeClient client = new NativeClient(server);

            HttpResponse<String> empty = client.get("/v1/dev/mailbox?to=nobody@example.com", DEV_ROOT);
            assertThat(NativeClient.json(empty, 200).isArray()).isTrue();
            assertThat(empty.body()).isEqualTo("[]");
            assertThat(client.get("/v1/dev/mailbox?to=nobody@example.com",
                    NativeClient.tenant(ServerProcess.DEV_PUBLIC_KEY)).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void anEditedTemplateIsWhatTheNextMailUsesWithValuesEscapedInTheHtml() {
        try (ServerProcess server = ServerProcess.start(dir, Map.of("GATEHOUSE_RATE_LIMITS", "off"))) {
            NativeClient client = new NativeClient(server);
            String link = "http://localhost:3000/reset?app=1&step=2";
            HttpResponse<String> patched = client.patch("/v1/admin/settings", DEV_ROOT,
                    "{\"allowedRedirectUrls\":[\"" + link + "\"]}");
            assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
            HttpResponse<String> put = client.put("/v1/admin/email-templates/password-reset", DEV_ROOT,
                    "{\"subject\":\"Reset at {{tenant}}\",\"text\":\"Code {{code}} / {{link}}\","
                            + "\"html\":\"<a href=\\\"{{link}}\\\">{{email}}</a>\"}");
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            assertThat(client.post("/v1/auth/signup", NativeClient.tenant(ServerProcess.DEV_PUBLIC_KEY),
                    "{\"email\":\"tpl@example.com\",\"password\":\"zq7-Wx93-plk-Rt5\"}").statusCode()).isEqualTo(201);

            assertThat(client.post("/v1/auth/password/forgot", NativeClient.tenant(ServerProcess.DEV_PUBLIC_KEY),
                    "{\"email\":\"tpl@example.com\",\"redirectUrl\":\"" + link + "\"}").statusCode()).isEqualTo(202);

            com.fasterxml.jackson.databind.JsonNode mail = NativeClient.json(
                    client.get("/v1/dev/mailbox?to=tpl@example.com", DEV_ROOT), 200).get(0);
            assertThat(mail.get("subject").asText()).startsWith("Reset at ");
            String text = mail.get("text").asText();
            assertThat(text).startsWith("Code ").contains(" / " + link + "&");
            String sentLink = text.substring(text.indexOf(" / ") + 3);
            assertThat(mail.get("html").asText())
                    .isEqualTo("<a href=\"" + sentLink.replace("&", "&amp;") + "\">tpl@example.com</a>");
        }
    }

    @Test
    void prodModeRefusesToStartWithoutAMailServerAndNamesTheWayOut() {
        assertThatThrownBy(() -> ServerProcess.start(dir, prod(Map.of())).close())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GATEHOUSE_SMTP_URL: is required in prod mode")
                .hasMessageContaining("GATEHOUSE_MAIL_DISABLED=true");
    }

    @Test
    void prodModeWithMailDisabledStartsAndHasNoDevMailbox() {
        try (ServerProcess server = ServerProcess.start(dir, prod(Map.of("GATEHOUSE_MAIL_DISABLED", "true")))) {
            NativeClient client = new NativeClient(server);

            assertThat(client.get("/v1/dev/mailbox?to=nobody@example.com", DEV_ROOT).statusCode()).isEqualTo(404);
            assertThat(client.get("/health/ready", Map.of()).statusCode()).isEqualTo(200);
        }
    }
}
