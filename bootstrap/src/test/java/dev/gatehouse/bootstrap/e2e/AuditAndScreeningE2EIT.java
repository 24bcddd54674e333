package dev.gatehouse.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running jar on PostgreSQL: the real list of 100,000 common passwords and the email-name rule refuse
 * passwords at registration with a plain-text 400, and the audit log (read with the dev root token) holds the
 * sign-up and both kinds of failed sign-in, with their reasons, and no password or token.
 */
class AuditAndScreeningE2EIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ROOT = Map.of("SB-PUBLIC-KEY", "dev_memory_pk",
            "Authorization", "Bearer safe-to-use-in-dev-root-token");

    @TempDir
    Path dataDir;

    @Test
    void screensPasswordsWithTheRealListAndAuditsSignInsWithoutSecrets() throws Exception {
        try (ServerProcess server = ServerProcess.start(dataDir, Database.POSTGRESQL.serverEnvironment())) {
            CompatClient compat = new CompatClient(server);
            String email = CompatClient.uniqueEmail("screened");
            String localPart = email.substring(0, email.indexOf('@'));

            HttpResponse<String> common = compat.register(email, "Password123");
            assertThat(common.statusCode()).as(common.body()).isEqualTo(400);
            assertThat(common.body()).startsWith("password is too common");
            HttpResponse<String> ownName = compat.register(email, "my " + localPart.toUpperCase() + " pw");
            assertThat(ownName.statusCode()).as(ownName.body()).isEqualTo(400);
            assertThat(ownName.body()).contains("must not contain the name of the email address");

            String password = "Lantern-Orbit-Quartz-71";
            HttpResponse<String> registered = compat.register(email, password);
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
            HttpResponse<String> wrong = compat.login(email, "Lantern-Orbit-Quartz-72");
            HttpResponse<String> unknown = compat.login(CompatClient.uniqueEmail("ghost"), password);
            assertThat(wrong.statusCode()).isEqualTo(unknown.statusCode()).isEqualTo(401);
            assertThat(wrong.body()).isEqualTo(unknown.body());

            HttpResponse<String> audit = new NativeClient(server).get("/v1/admin/audit-events?limit=100", ROOT);
            assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);
            for (String secret : List.of(password, "Lantern-Orbit-Quartz-72", "Password123",
                    JSON.readTree(registered.body()).asText())) {
                assertThat(audit.body()).doesNotContain(secret);
            }
            List<String> seen = new ArrayList<>();
            for (JsonNode event : JSON.readTree(audit.body()).get("events")) {
                String reason = event.path("details").path("reason").asText("");
                seen.add(event.get("type").asText() + (reason.isEmpty() ? "" : ":" + reason));
            }
            assertThat(seen).containsSubsequence("LOGIN_FAILED:unknownEmail", "LOGIN_FAILED:wrongPassword",
                    "SIGN_UP");
        }
    }
}
