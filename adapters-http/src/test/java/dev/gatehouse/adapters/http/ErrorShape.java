package dev.gatehouse.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.Locale;

/** Assertions on the wire form of error answers. */
final class ErrorShape {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorShape() {
    }

    /** {@code text/plain; charset=utf-8}, in whatever spacing Jetty normalises it to. */
    static void isPlainUtf8Text(String contentType) {
        assertThat(contentType.toLowerCase(Locale.ROOT).replace(" ", "")).isEqualTo("text/plain;charset=utf-8");
    }

    /** An RFC 9457 problem with this status and {@code urn:gatehouse:problem:<slug>} type; answers its body. */
    static JsonNode problem(HttpResponse<String> response, int status, String slug) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().allValues("Content-Type")).containsExactly("application/problem+json");
        JsonNode problem;
        try {
            problem = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(problem.get("type").asText()).isEqualTo("urn:gatehouse:problem:" + slug);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
        return problem;
    }
}
