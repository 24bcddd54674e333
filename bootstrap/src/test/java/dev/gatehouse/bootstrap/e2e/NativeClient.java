package dev.gatehouse.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/** Calls on the native /v1 API of one server process, with the headers each test chooses. */
final class NativeClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<URI> baseUri;
    private final CompatClient transport;

    NativeClient(ServerProcess server) {
        this(server::baseUri);
    }

    /** On a server that may start later ({@link ServerExtension}): its address is looked up at each request. */
    NativeClient(Supplier<URI> baseUri) {
        this.baseUri = baseUri;
        this.transport = new CompatClient(baseUri, ServerProcess.DEV_PUBLIC_KEY);
    }

    HttpResponse<String> post(String path, Map<String, String> headers, String body) {
        return send(request(path, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> patch(String path, Map<String, String> headers, String body) {
        return send(request(path, headers).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> put(String path, Map<String, String> headers, String body) {
        return send(request(path, headers).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> get(String path, Map<String, String> headers) {
        return send(request(path, headers).GET());
    }

    HttpResponse<String> delete(String path, Map<String, String> headers) {
        return send(request(path, headers).DELETE());
    }

    /** A DELETE with a JSON body (the routes that take a proof with the deletion, e.g. DELETE /v1/me/mfa/totp). */
    HttpResponse<String> delete(String path, Map<String, String> headers, String body) {
        return send(request(path, headers).header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Polls {@code path} until it answers {@code status}; true if it did within {@code deadline}. */
    boolean answersWithin(String path, Map<String, String> headers, int status, Duration deadline)
            throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            if (get(path, headers).statusCode() == status) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    static JsonNode json(HttpResponse<String> response, int expectedStatus) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> tenant(String publicKey) {
        return Map.of("X-API-Key", publicKey);
    }

    static Map<String, String> bearer(String publicKey, String token) {
        return Map.of("X-API-Key", publicKey, "Authorization", "Bearer " + token);
    }

    private HttpRequest.Builder request(String path, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(baseUri.get().resolve(path))
                .timeout(Duration.ofSeconds(30));
        headers.forEach(builder::header);
        return builder;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        return transport.send(request.build());
    }
}
