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
 * sign-up and both kinds of failed sign-in, with their reasons, and no password or token. The same sign-ins show in
 * the Prometheus metrics of the management port (and /metrics stays 404 on the public port), and in the JSON log.
 */
class AuditAndScreeningE2EIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ROOT = Map.of("SB-PUBLIC-KEY", "dev_memory_pk",
            "Authorization", "Bearer safe-to-use-in-dev-root-token");

    @TempDir
    Path dataDir;

    @Test
    void screensPasswordsWithTheRealListAndAuditsSignInsWithoutSecrets() throws Exception {
        Map<String, String> environment = new java.util.HashMap<>(Database.POSTGRESQL.serverEnvironment());
        environment.put("GATEHOUSE_MANAGEMENT_PORT", "0");
        try (ServerProcess server = ServerProcess.start(dataDir, environment)) {
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

            assertMetricsAndLogsAfter(server, compat, email, password);
        }
    }

    /** One sign-in of each outcome, a warm /me and an unknown path, seen by the metrics and the JSON log. */
    private static void assertMetricsAndLogsAfter(ServerProcess server, CompatClient compat, String email,
                                                  String password) throws Exception {
        HttpResponse<String> signedIn = compat.login(email, password);
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        Map<String, String> bearer = Map.of("SB-PUBLIC-KEY", "dev_memory_pk",
                "Authorization", "Bearer " + JSON.readTree(signedIn.body()).asText());
        NativeClient client = new NativeClient(server);
        assertThat(client.get("/me", bearer).statusCode()).isEqualTo(200);
        assertThat(client.get("/me", bearer).statusCode()).isEqualTo(200);
        assertThat(client.get("/no/such/" + java.util.UUID.randomUUID(), Map.of()).statusCode()).isEqualTo(404);
        assertThat(client.get("/metrics", Map.of()).statusCode()).as("never on the public port").isEqualTo(404);

        try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
            HttpResponse<String> health = http.send(java.net.http.HttpRequest.newBuilder(
                    server.managementUri("/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            HttpResponse<String> scraped = http.send(java.net.http.HttpRequest.newBuilder(
                    server.managementUri("/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(scraped.statusCode()).isEqualTo(200);
            String metrics = scraped.body();
            assertThat(metrics).contains(
                    "http_server_requests_seconds_count{method=\"POST\",route=\"/login\",status=\"200\"} 1",
                    "http_server_requests_seconds_count{method=\"POST\",route=\"/login\",status=\"401\"} 2",
                    "http_server_requests_seconds_count{method=\"GET\",route=\"UNMATCHED\",status=\"404\"} 2",
                    "gatehouse_logins_total{outcome=\"succeeded\",reason=\"none\"} 1.0",
                    "gatehouse_logins_total{outcome=\"failed\",reason=\"wrong_password\"} 1.0",
                    "gatehouse_logins_total{outcome=\"failed\",reason=\"unknown_email\"} 1.0",
                    "gatehouse_logins_total{outcome=\"mfa_required\",reason=\"none\"} 0.0",

                    "gatehouse_hash_pool_queue_depth ", "gatehouse_hash_pool_wait_seconds_count ",
                    "gatehouse_mail_outbox_pending ", "gatehouse_mail_outbox_oldest_pending_age_seconds ",
                    "hikaricp_connections_active{pool=\"gatehouse-db\"}", "jvm_memory_used_bytes{",
                    "jvm_gc_pause_seconds", "jvm_threads_live_threads ", "process_cpu_usage ", "process_uptime_seconds ");
            java.util.regex.Matcher feedAge = java.util.regex.Pattern.compile(
                    "gatehouse_revocation_feed_age_seconds ([0-9.]+)").matcher(metrics);
            assertThat(feedAge.find()).as("the revocation feed's age").isTrue();
            assertThat(Double.parseDouble(feedAge.group(1))).as("read every 500 ms").isLessThan(5.0);
            for (String cache : List.of("users", "tokens")) {
                java.util.regex.Matcher hits = java.util.regex.Pattern.compile("gatehouse_cache_requests_total\\{cache=\""
                        + cache + "\",result=\"hit\"} ([0-9.]+)").matcher(metrics);
                assertThat(hits.find()).as("the %s cache's hits", cache).isTrue();
                assertThat(Double.parseDouble(hits.group(1))).as("the warm /me hit the %s cache", cache).isPositive();
            }
            java.util.regex.Matcher labels = java.util.regex.Pattern.compile("=\"([^\"]*)\"").matcher(metrics);
            while (labels.find()) {
                assertThat(labels.group(1)).as("a label value").doesNotContain("@")
                        .doesNotContainPattern("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            }
        }

        JsonNode signInLine = null;
        for (String line : server.outputLines()) { // every line is one JSON object: ServerLogs checks it at the stop
            JsonNode event = line.startsWith("{") ? JSON.readTree(line) : JSON.createObjectNode();
            if (event.path("message").asText().contains("POST /login -> 200")) {
                signInLine = event;
            }
        }
        assertThat(signInLine).as("the request line of the sign-in").isNotNull();
        assertThat(signInLine.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.+");
        assertThat(signInLine.get("level").asText()).isEqualTo("INFO");
        assertThat(signInLine.get("logger").asText()).isEqualTo("dev.gatehouse.adapters.http.HttpApi");
        assertThat(signInLine.get("requestId").asText()).matches("[0-9a-f]{32}");
        assertThat(signInLine.get("tenantId").asText()).isEqualTo("00000000-0000-0000-0000-00000000de70");
        assertThat(signInLine.get("route").asText()).isEqualTo("/login");
        assertThat(signInLine.get("status").asInt()).isEqualTo(200);
        assertThat(signInLine.get("durationMs").isNumber()).isTrue();
    }
}
