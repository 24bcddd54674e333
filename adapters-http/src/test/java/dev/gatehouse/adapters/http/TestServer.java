package dev.gatehouse.adapters.http;

import dev.gatehouse.application.fakes.FakeWorld;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** The real HTTP API on a free port, backed by the in-memory application, and an HTTP client for it. */
final class TestServer implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    final FakeWorld world;
    final Javalin app;
    final HttpClient client;
    final String base;

    private TestServer(FakeWorld world, TestServices services, HttpConfig config) {
        this.world = world;
        this.app = services.create(config).start("127.0.0.1", 0);
        this.base = "http://127.0.0.1:" + app.port();
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    }

    static TestServer start() {
        return start(new FakeWorld());
    }

    static TestServer start(FakeWorld world) {
        return start(world, TestServices.from(world.useCases));
    }

    static TestServer start(FakeWorld world, TestServices services) {
        return new TestServer(world, services, config(world));
    }

    /** With settings changed from the test defaults (e.g. an operator token). */
    static TestServer start(FakeWorld world, UnaryOperator<HttpConfig> configure) {
        return new TestServer(world, TestServices.from(world.useCases), configure.apply(config(world)));
    }

    private static HttpConfig config(FakeWorld world) {
        return HttpConfig.defaults().withClock(() -> world.clock.now());
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(TIMEOUT);
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return OpenApiContract.get().check(
                    client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET with alternating header names and values. */
    HttpResponse<String> get(String pathAndQuery, String... headers) {
        HttpRequest.Builder request = request(pathAndQuery).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    /** POST of a JSON body with {@code Content-Type: application/json} and the given headers. */
    HttpResponse<String> postJson(String pathAndQuery, String json, String... headers) {
        HttpRequest.Builder request = request(pathAndQuery)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    /** Sends bytes as they are and returns everything the server answers until it closes (or 5 s pass). */
    String raw(String request) {
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            try {
                in.transferTo(answer);
            } catch (SocketTimeoutException stillOpen) {
                // keep-alive: what arrived is the answer
            }
            return answer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        client.close(); // first: a keep-alive connection still open holds the server's graceful stop for a second
        app.stop();
    }
}
