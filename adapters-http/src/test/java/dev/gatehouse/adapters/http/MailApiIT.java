package dev.gatehouse.adapters.http;

import static dev.gatehouse.adapters.http.AccountCalls.json;
import static dev.gatehouse.adapters.http.RootCalls.none;
import static dev.gatehouse.adapters.http.RootCalls.rootToken;
import static dev.gatehouse.adapters.http.RootCalls.secretKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.adapters.http.RootCalls.Credential;
import dev.gatehouse.application.fakes.FakeWorld;
import dev.gatehouse.application.tenants.port.in.ProvisionTenantUseCase;
import dev.gatehouse.application.fakes.MailTestHooks;
import dev.gatehouse.application.fakes.AllFeatures;
import dev.gatehouse.application.support.Settings;
import dev.gatehouse.domain.mail.MailKind;
import dev.gatehouse.domain.user.EmailAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET|PUT /v1/admin/email-templates/{kind}} and the dev-mode-only {@code GET /v1/dev/mailbox}. */
class MailApiIT {
    private static final EmailAddress ADA = new EmailAddress("ada@example.io");

    private TestServer server;
    private RootCalls calls;
    private ProvisionTenantUseCase.Provisioned tenant;
    private Credential root;

    private void start(boolean devMode) {
        FakeWorld world = new FakeWorld(Settings.DEFAULT.withDevMode(devMode));
        server = TestServer.start(world, config -> config.withDevMode(devMode));
        calls = new RootCalls(server);
        tenant = calls.provision("owner@example.io");
        root = rootToken(tenant.tenant().publicKey(), tenant.rootToken());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void sendMail(MailKind kind, Map<String, String> values) {
        MailTestHooks.send(server.world.useCases, server.world.transactions, tenant.tenant(), kind, ADA, values);
    }

    private HttpResponse<String> mailbox(Credential credential, String to) {
        return calls.send(credential, "GET", "/v1/dev/mailbox?to=" + to, null);
    }

    @Test
    void anEditedTemplateIsWhatTheNextMailUsesWithValuesEscapedInTheHtml() {
        start(true);
        HttpResponse<String> put = calls.send(root, "PUT", "/v1/admin/email-templates/password-reset",
                "{\"subject\":\"Reset for {{tenant}}\",\"text\":\"Code: {{code}}\\nLink: {{link}}\","
                        + "\"html\":\"<p>Code <b>{{ code }}</b> <a href=\\\"{{link}}\\\">reset</a></p>\"}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(json(put.body()).get("builtIn").asBoolean()).isFalse();

        sendMail(MailKind.PASSWORD_RESET, Map.of("code", "<b>&1", "link", "https://app.io/r?e=a@b.io&c=\"x\""));
        HttpResponse<String> read = mailbox(root, "ada@example.io");

        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        JsonNode mail = json(read.body()).get(0);
        assertThat(mail.get("subject").asText()).isEqualTo("Reset for " + tenant.tenant().name());
        assertThat(mail.get("text").asText()).isEqualTo("Code: <b>&1\nLink: https://app.io/r?e=a@b.io&c=\"x\"");
        assertThat(mail.get("html").asText()).isEqualTo("<p>Code <b>&lt;b&gt;&amp;1</b> "
                + "<a href=\"https://app.io/r?e=a@b.io&amp;c=&quot;x&quot;\">reset</a></p>");
        assertThat(mail.get("to").asText()).isEqualTo("ada@example.io");
        assertThat(mail.get("from").asText()).isEqualTo(FakeWorld.SERVER_SENDER);
        assertThat(mail.get("createdAt").asText()).isEqualTo(server.world.clock.now().toString());
    }

    @Test
    void templatesShowTheBuiltInDefaultAndRefuseUnknownPlaceholdersKindsAndMissingParts() {
        start(false);
        HttpResponse<String> builtIn = calls.send(root, "GET", "/v1/admin/email-templates/magic-link", null);
        assertThat(builtIn.statusCode()).as(builtIn.body()).isEqualTo(200);
        JsonNode template = json(builtIn.body());
        assertThat(template.get("kind").asText()).isEqualTo("magic-link");
        assertThat(template.get("builtIn").asBoolean()).isTrue();
        assertThat(template.get("text").asText()).contains("{{link}}");
        assertThat(template.get("placeholders").toString()).contains("\"code\"", "\"link\"", "\"email\"", "\"tenant\"");

        HttpResponse<String> typo = calls.send(root, "PUT", "/v1/admin/email-templates/magic-link",
                "{\"subject\":\"s\",\"text\":\"{{lnik}}\"}");
        assertThat(typo.statusCode()).isEqualTo(400);
        assertThat(typo.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(typo.body()).contains("{{lnik}}");
        assertThat(calls.send(root, "PUT", "/v1/admin/email-templates/magic-link", "{\"subject\":\"s\"}").statusCode())
                .isEqualTo(400);
        assertThat(calls.send(root, "PUT", "/v1/admin/email-templates/magic-link", "{\"subject\":\"a\\nb\",\"text\":\"t\"}")
                .statusCode()).isEqualTo(400);
        assertThat(calls.send(root, "GET", "/v1/admin/email-templates/PASSWORD_RESET", null).statusCode()).isEqualTo(400);
        assertThat(calls.send(root, "GET", "/v1/admin/email-templates/magic-link", null).body()).contains("\"builtIn\":true");
    }

    @Test
    void templatesNeedTheRootTokenOrTheSettingsScopeAndStayWithinTheirTenant() {
        start(false);
        String settingsAdmin = calls.secret(root, "settings:admin");
        String usersRead = calls.secret(root, "users:read");

        assertThat(calls.send(none(), "GET", "/v1/admin/email-templates/invitation", null).statusCode()).isEqualTo(401);
        assertThat(calls.send(secretKey(usersRead), "GET", "/v1/admin/email-templates/invitation", null).statusCode())
                .isEqualTo(403);
        HttpResponse<String> put = calls.send(secretKey(settingsAdmin), "PUT", "/v1/admin/email-templates/invitation",
                "{\"subject\":\"Join {{tenant}}\",\"text\":\"{{link}}\"}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

        ProvisionTenantUseCase.Provisioned other = calls.provision("other@example.io");
        HttpResponse<String> theirs = calls.send(rootToken(other.tenant().publicKey(), other.rootToken()), "GET",
                "/v1/admin/email-templates/invitation", null);
        assertThat(json(theirs.body()).get("builtIn").asBoolean()).isTrue();
    }

    @Test
    void theDevMailboxListsNewestFirstForTheRootTokenOnly() {
        start(true);
        sendMail(MailKind.PASSWORD_RESET, Map.of("code", "first-code"));
        server.world.clock.advance(Duration.ofSeconds(1));
        sendMail(MailKind.MAGIC_LINK, Map.of("code", "second-code"));

        HttpResponse<String> read = mailbox(root, "ADA@example.io");
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        JsonNode mails = json(read.body());
        assertThat(mails).hasSize(2);
        assertThat(mails.get(0).get("text").asText()).contains("second-code");
        assertThat(mails.get(1).get("text").asText()).contains("first-code");
        assertThat(mails.get(0).properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("to", "from", "subject", "text", "html", "createdAt");

        assertThat(mailbox(none(), "ada@example.io").statusCode()).isEqualTo(401);
        assertThat(mailbox(secretKey(calls.secret(root, "settings:admin")), "ada@example.io").statusCode()).isEqualTo(403);
        assertThat(mailbox(root, "not-an-address").statusCode()).isEqualTo(400);
        assertThat(mailbox(root, "").statusCode()).isEqualTo(400);
        ProvisionTenantUseCase.Provisioned other = calls.provision("other@example.io");
        assertThat(json(mailbox(rootToken(other.tenant().publicKey(), other.rootToken()), "ada@example.io").body()))
                .isEmpty();
    }

    @Test
    void theDevMailboxDoesNotExistOutsideDevMode() {
        start(false);
        sendMail(MailKind.PASSWORD_RESET, Map.of("code", "secret-code"));

        HttpResponse<String> read = mailbox(root, "ada@example.io");

        assertThat(read.statusCode()).isEqualTo(404);
        assertThat(read.body()).doesNotContain("secret-code");
    }
}
