package dev.gatehouse.bootstrap.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * Both log formats on a Logback context of the test's own (the test JVM's logging is left alone): JSON, one object
 * per line on standard output with the documented fields; text, on standard error with the console lines bare on
 * standard output, as before JSON existed.
 */
class LoggingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void jsonPutsEveryEventOnOneLineOfStandardOutputWithTheRequestsContextAsFields() throws Exception {
        Captured captured = capture(LogFormat.JSON, context -> {
            Logger http = context.getLogger("dev.gatehouse.adapters.http.HttpApi");
            MDC.put("requestId", "req-1");
            MDC.put("tenantId", "00000000-0000-0000-0000-00000000de70");
            MDC.put("route", "/v1/admin/users/{id}");
            try {
                http.atInfo().addKeyValue("status", 404).addKeyValue("durationMs", 12L)
                        .log("request {} {} {} -> {} in {} ms", "req-1", "GET", "/v1/admin/users/x", 404, 12);
                http.error("failed unexpectedly\nsecond line", new IllegalStateException("boom"));
            } finally {
                MDC.clear();
            }
            context.getLogger(Logging.CONSOLE).info("Gatehouse ready on port {} (mode {}, database {}, started in {} ms)",
                    8099, "prod", "h2", 321);
        });

        assertThat(captured.err()).isEmpty();
        List<String> lines = captured.out().lines().toList();
        assertThat(lines).hasSize(3);
        JsonNode request = JSON.readTree(lines.get(0));
        assertThat(request.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d)");
        assertThat(request.get("level").asText()).isEqualTo("INFO");
        assertThat(request.get("logger").asText()).isEqualTo("dev.gatehouse.adapters.http.HttpApi");
        assertThat(request.get("message").asText()).isEqualTo("request req-1 GET /v1/admin/users/x -> 404 in 12 ms");
        assertThat(request.get("requestId").asText()).isEqualTo("req-1");
        assertThat(request.get("tenantId").asText()).isEqualTo("00000000-0000-0000-0000-00000000de70");
        assertThat(request.get("route").asText()).isEqualTo("/v1/admin/users/{id}");
        assertThat(request.get("status").isInt()).isTrue();
        assertThat(request.get("status").asInt()).isEqualTo(404);
        assertThat(request.get("durationMs").asLong()).isEqualTo(12);
        assertThat(request.has("@version")).isFalse();
        assertThat(request.has("level_value")).isFalse();

        JsonNode failure = JSON.readTree(lines.get(1));
        assertThat(failure.get("level").asText()).isEqualTo("ERROR");
        assertThat(failure.get("message").asText()).isEqualTo("failed unexpectedly\nsecond line");
        assertThat(failure.get("stackTrace").asText()).contains("IllegalStateException: boom");

        JsonNode ready = JSON.readTree(lines.get(2));
        assertThat(ready.get("logger").asText()).isEqualTo(Logging.CONSOLE);
        assertThat(ready.get("message").asText())
                .isEqualTo("Gatehouse ready on port 8099 (mode prod, database h2, started in 321 ms)");
        assertThat(ready.has("requestId")).isFalse();
    }

    @Test
    void textWritesEventsToStandardErrorAndTheConsoleLinesBareToStandardOutput() {
        Captured captured = capture(LogFormat.TEXT, context -> {
            context.getLogger("dev.gatehouse.bootstrap.Main").warn("DEV MODE: {}", "careful");
            context.getLogger("org.eclipse.jetty.server.Server").info("chatter that stays out");
            context.getLogger(Logging.CONSOLE).info("Gatehouse ready on port {} (mode {}, database {}, started in {} ms)",
                    8099, "dev", "h2", 321);
        });

        assertThat(captured.out()).isEqualTo("Gatehouse ready on port 8099 (mode dev, database h2, started in 321 ms)"
                + System.lineSeparator());
        assertThat(captured.err()).matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+(Z|[+-]\\d\\d:\\d\\d) \\[[^]]+] \\[WARN] Main"
                + " - DEV MODE: careful\\R");
    }

    private record Captured(String out, String err) {
    }

    private interface Logs {
        void write(LoggerContext context) throws Exception;
    }

    /** Runs {@code logs} on a fresh Logback context set up in {@code format}, with standard out and err captured. */
    private static Captured capture(LogFormat format, Logs logs) {
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter());
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            Logging.configure(context, format);
            logs.write(context);
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            context.stop();
            System.setOut(realOut);
            System.setErr(realErr);
            Logging.configure(new LoggerContext(), LogFormat.TEXT); // the format flag back as the JVM's is
        }
        return new Captured(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
