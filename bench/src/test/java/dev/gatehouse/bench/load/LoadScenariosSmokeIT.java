package dev.gatehouse.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every scenario of bench/run.sh, for about a second each against the real server jar on H2 (bcrypt
 * cost 4, so dev mode): it runs, and writes a result file with the fields docs/performance.md is copied
 * from. Nothing about speed is asserted: figures come from bench/run.sh on a quiet machine.
 */
class LoadScenariosSmokeIT {
    private static final Path MODULE = Path.of(System.getProperty("user.dir"));
    private static final Path SERVER_JAR = MODULE.resolveSibling("bootstrap").resolve("target/gatehouse.jar");
    private static final Path JVM_OPTIONS = MODULE.resolveSibling("bootstrap").resolve("jvm.options");
    private static final List<String> LOAD_SCENARIOS = List.of("bare", "me", "login", "register", "refresh", "mixed",
            "login-flood", "mfa-verify");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path out;

    @TempDir
    Path runs;

    @Test
    void everyScenarioRunsAndWritesItsResult() throws IOException {
        assertThat(SERVER_JAR).as("built by the bootstrap module before this one").isRegularFile();
        int exit = LoadRunner.run(String.join(",", LOAD_SCENARIOS) + ",startup,import", "--seconds", "1", "--warmup", "0",
                "--users", "4", "--concurrency", "4", "--bcrypt-cost", "4", "--flood-rate", "40", "--starts", "1", "--lines", "500",
                "--out", out.toString(), "--run-dir", runs.toString(), "--jar", SERVER_JAR.toString(),
                "--jvm-options", JVM_OPTIONS.toString());
        assertThat(exit).as("LoadRunner exit code (its output above says which scenario failed)").isZero();

        for (String scenario : LOAD_SCENARIOS) {
            JsonNode result = read(scenario);
            JsonNode figures = result.get("figures");
            assertThat(figures).as(scenario + " figures").isNotNull();
            for (String field : List.of("route", "okPerSecond", "p50Millis", "p99Millis", "p999Millis", "errors")) {
                assertThat(figures.has(field)).as(scenario + " figures." + field).isTrue();
            }
            assertThat(figures.get("okPerSecond").asDouble()).as(scenario + " served something").isPositive();
            assertThat(result.get("reference").has("ratio")).as(scenario + " reference.ratio").isTrue();
            assertThat(result.get("phases").size()).as(scenario + " phases").isPositive();
            assertThat(result.get("command").asText()).isNotBlank();
            assertThat(result.get("server").get("startToReadyMillis").asDouble()).isPositive();
            assertThat(result.get("tenant").get("rateLimits").asText()).isNotBlank();
        }
        JsonNode mixed = read("mixed").get("phases").get(1).get("byKind");
        assertThat(mixed.has("me")).as("mixed sent token-only reads").isTrue();
        JsonNode flood = read("login-flood").get("flood");
        for (String field : List.of("shed503", "loginMaxMillis", "meP99AloneMillis", "meP99DuringFloodMillis",
                "servedLoginsPerSecond", "otherErrors")) {
            assertThat(flood.has(field)).as("login-flood flood." + field).isTrue();
        }
        JsonNode mfa = read("mfa-verify");
        assertThat(mfa.get("phases").get(0).get("name").asText()).isEqualTo("refresh");
        JsonNode verify = mfa.get("phases").get(2);
        assertThat(verify.get("errorCount").asLong()).as("mfa-verify: every pre-made mfaToken and code accepted").isZero();
        assertThat(verify.get("byKind").has("totp")).as("mfa-verify spent TOTP codes").isTrue();
        assertThat(verify.get("byKind").has("recovery_code")).as("mfa-verify spent recovery codes").isTrue();
        assertThat(mfa.get("reference").get("refreshOkPerSecond").asDouble()).isPositive();
        JsonNode startup = read("startup").get("figures");
        assertThat(startup.get("freshDatabase").get("medianStartToReadyMillis").asDouble()).isPositive();
        assertThat(startup.get("existingDatabase").get("medianStartToReadyMillis").asDouble()).isPositive();
        JsonNode imported = read("import").get("figures");
        assertThat(imported.get("imported").asLong()).as("import: every generated line imported").isEqualTo(500);
        assertThat(imported.get("failed").asLong()).isZero();
        assertThat(imported.get("usersPerSecond").asDouble()).isPositive();
        assertThat(imported.get("rssMibPeak").asDouble()).isPositive();
        assertThat(imported.get("signInsAfterImport").asText()).startsWith("2 of 2");
    }

    private JsonNode read(String scenario) throws IOException {
        Path file = out.resolve(scenario + "-h2.json");
        assertThat(file).as(scenario + " result file").isRegularFile();
        return JSON.readTree(Files.readString(file));
    }
}
