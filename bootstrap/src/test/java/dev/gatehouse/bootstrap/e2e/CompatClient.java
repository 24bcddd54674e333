package dev.gatehouse.bootstrap.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

/** Raw HTTP calls on the StaticBackend-compatible routes, for tests that look at statuses and timing. */
final class CompatClient {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final Supplier<URI> baseUri;
    private final String publicKey;

    CompatClient(URI baseUri, String publicKey) {
        this(() -> baseUri, publicKey);
    }

    /** On a server that may start later ({@link ServerExtension}): its address is looked up at each request. */
    CompatClient(Supplier<URI> baseUri, String publicKey) {
        this.baseUri = baseUri;
        this.publicKey = publicKey;
    }

    CompatClient(ServerProcess server) {
        this(server.baseUri(), ServerProcess.DEV_PUBLIC_KEY);
    }

    HttpResponse<String> register(String email, String password) {
        return send(credentialsPost("/register", email, password));
    }

    HttpResponse<String> login(String email, String password) {
        return send(credentialsPost("/login", email, password));
    }

    HttpRequest credentialsPost(String path, String email, String password) {
        // Test emails and passwords are plain ASCII without quotes or backslashes.
        String body = "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
        return HttpRequest.newBuilder(baseUri.get().resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("SB-PUBLIC-KEY", publicKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            SecretsSeen.fromRequest(request); // what the server's output must never show (ServerLogs)
            // every answer is held to docs/api/openapi.yaml (status, content type, body schema)
            HttpResponse<String> response = dev.gatehouse.adapters.http.OpenApiContract.get()
                    .check(http.send(request, HttpResponse.BodyHandlers.ofString()));
            SecretsSeen.fromResponse(response);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + request.method() + " " + request.uri(), e);
        }
    }

    /** A unique email for one test run: tests share databases only by accident, never by data. */
    static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID() + "@example.com";
    }
}
