package dev.gatehouse.bootstrap.e2e;

import static dev.gatehouse.bootstrap.e2e.NativeClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What StaticBackend's {@code POST /login/magic} mails, read back from the dev mailbox of the running jar: the
 * tenant's template by default whatever the caller wrote, and on opt-in ({@code compatMagicLinkContent: caller})
 * the caller's body sanitized to formatting and the one {@code [link]} link. Uses the dev tenant, which accepts any
 * link and sender in dev mode, so only the content rules are under test.
 */
class MagicLinkContentE2EIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PK = ServerProcess.DEV_PUBLIC_KEY;
    private static final Map<String, String> ROOT = Map.of("SB-PUBLIC-KEY", PK,
            "Authorization", "Bearer safe-to-use-in-dev-root-token");
    private static final String APP = "http://localhost:3000/magic";
    private static final String PHISHING = "<p>Your account is locked.</p>"
            + "<a href=\"https://evil.example.net/phish\" style=\"display:none\">Verify now</a>"
            + "<span style=\"display:none\">[link]</span>";

    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.with(Map.of());
    private static final NativeClient client = SERVER.client();
    private static final CompatClient compat = SERVER.compat();

    private static String register() {
        String email = CompatClient.uniqueEmail("magic-content");
        HttpResponse<String> registered = compat.register(email, "Lantern-Orbit-Quartz-71");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        return email;
    }

    private static HttpResponse<String> magic(String email, String subject, String fromName, String body) {
        try {
            return client.post("/login/magic", Map.of("SB-PUBLIC-KEY", PK), JSON.writeValueAsString(Map.of(
                    "fromEmail", "", "fromName", fromName, "email", email, "subject", subject, "body", body,
                    "link", APP)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode mailbox(String to) {
        return json(client.get("/v1/dev/mailbox?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8), ROOT), 200);
    }

    /** The newest mail to {@code to} once there are {@code count}. */
    private static JsonNode awaitMail(String to, int count) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode mails = mailbox(to);
        while (mails.size() < count && System.nanoTime() < end) {
            Thread.sleep(50);
            mails = mailbox(to);
        }
        assertThat(mails.size()).as("mails to %s", to).isGreaterThanOrEqualTo(count);
        return mails.get(0);
    }

    private static String find(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in %s", regex, text).isTrue();
        return URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    }

    private static void signsInWith(String email, JsonNode mail) {
        String link = find("href=\"([^\"]+)\"", mail.get("html").asText()).replace("&amp;", "&");
        assertThat(link).startsWith(APP + "?code=");
        HttpResponse<String> exchanged = compat.send(java.net.http.HttpRequest.newBuilder(SERVER.process().uri(
                        "/login/magic?email=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&code="
                                + URLEncoder.encode(find("[?&]code=([^&]+)", link), StandardCharsets.UTF_8)))
                .header("SB-PUBLIC-KEY", PK).GET().build());
        assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
    }

    private static void patchSettings(String patch) {
        HttpResponse<String> patched = client.patch("/v1/admin/settings", ROOT, patch);
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    }

    @Test
    void byDefaultTheTemplateIsSentAndTheCallersContentIgnored() throws Exception {
        String email = register();

        HttpResponse<String> sent = magic(email, "Urgent: verify your account", "Security Team", PHISHING);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        assertThat(sent.body()).isEqualTo("true");
        JsonNode mail = awaitMail(email, 1);

        assertThat(mail.get("subject").asText()).endsWith("sign-in link").doesNotContain("Urgent");
        String all = mail.get("html").asText() + mail.get("text").asText();
        assertThat(all).doesNotContain("evil.example.net", "Verify now", "locked", "display:none", "[link]");
        signsInWith(email, mail);

        HttpResponse<String> noPlaceholder = magic(email, "", "", "no placeholder at all");
        assertThat(noPlaceholder.statusCode()).as("the body is not even read").isEqualTo(200);
        assertThat(noPlaceholder.body()).isEqualTo("true");
        assertThat(awaitMail(email, 2).get("html").asText()).contains("href=\"" + APP + "?code=");
    }

    @Test
    void callerContentIsSanitizedToFormattingAndTheOneLink() throws Exception {
        String email = register();
        patchSettings("{\"compatMagicLinkContent\":\"caller\"}");
        try {
            for (String refused : new String[] {"no placeholder", "<a href=\"[link]\">only inside an attribute</a>",
                    "<script>[link]</script>"}) {
                HttpResponse<String> response = magic(email, "Sign in", "App", refused);
                assertThat(response.statusCode()).as(refused).isEqualTo(400);
                assertThat(response.body()).startsWith("body:").contains("[link]");
            }
            assertThat(mailbox(email).size()).as("nothing was sent").isZero();

            HttpResponse<String> sent = magic(email, "Sign in\r\nBcc: victim@example.com", "App\r\nX-Evil: 1",
                    "<h1>Welcome</h1><p>Hello <b>friend</b>, sign in here: [link]</p>" + PHISHING
                            + "<script>alert(1)</script><img src=\"https://evil.example.net/pixel.gif\">");
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
            JsonNode mail = awaitMail(email, 1);

            String html = mail.get("html").asText();
            assertThat(html).contains("<h1>Welcome</h1>", "<b>friend</b>", "Verify now")
                    .doesNotContain("evil.example.net", "<script", "alert", "<img", "style=", "display:none");
            // [link] was written twice (once in a span that was hidden): both are the sign-in link, and no other
            Matcher links = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
            java.util.List<String> targets = new java.util.ArrayList<>();
            while (links.find()) {
                targets.add(links.group(1));
            }
            assertThat(targets).hasSize(2).allSatisfy(target -> assertThat(target).startsWith(APP + "?code="));
            assertThat(mail.get("subject").asText()).isEqualTo("Sign inBcc: victim@example.com")
                    .doesNotContain("\r", "\n");
            signsInWith(email, mail);
        } finally {
            patchSettings("{\"compatMagicLinkContent\":null}");
        }
    }
}
