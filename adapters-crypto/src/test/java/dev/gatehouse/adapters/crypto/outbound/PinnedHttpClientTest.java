package dev.gatehouse.adapters.crypto.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pinned client against two real HTTP servers on one port: a public stand-in on 127.0.0.1 and an "internal"
 * one on 127.0.0.2, which the policy of these tests refuses (as production refuses every loopback address).
 */
class PinnedHttpClientTest {
    private static final InetAddress PUBLIC;
    private static final InetAddress INTERNAL;

    static {
        try {
            PUBLIC = InetAddress.getByName("127.0.0.1");
            INTERNAL = InetAddress.getByName("127.0.0.2");
        } catch (java.net.UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final List<String> publicRequests = new CopyOnWriteArrayList<>();
    private final List<String> internalRequests = new CopyOnWriteArrayList<>();
    private HttpServer publicServer;
    private HttpServer internalServer;
    private int port;

    @BeforeEach
    void startServers() throws IOException {
        publicServer = HttpServer.create(new InetSocketAddress(PUBLIC, 0), 0);
        port = publicServer.getAddress().getPort();
        internalServer = HttpServer.create(new InetSocketAddress(INTERNAL, port), 0);
        serve(publicServer, publicRequests, "{\"keys\":[]}");
        serve(internalServer, internalRequests, "{\"secret\":\"instance credentials\"}");
        publicServer.start();
        internalServer.start();
    }

    @AfterEach
    void stopServers() {
        publicServer.stop(0);
        internalServer.stop(0);
    }

    private static void serve(HttpServer server, List<String> requests, String body) {
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " Host="
                    + exchange.getRequestHeaders().getFirst("Host"));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (exchange.getRequestURI().getPath().equals("/chunked")) {
                exchange.sendResponseHeaders(200, 0); // no length: chunked
            } else if (exchange.getRequestURI().getPath().equals("/big")) {
                bytes = new byte[5_000];
                exchange.sendResponseHeaders(200, bytes.length);
            } else {
                exchange.sendResponseHeaders(200, bytes.length);
            }
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
    }

    private static Optional<String> refusesInternal(InetAddress address) {
        return address.equals(INTERNAL) ? Optional.of("internal") : Optional.empty();
    }

    private PinnedHttpClient client(HostResolver resolver) {
        return new PinnedHttpClient(resolver, PinnedHttpClientTest::refusesInternal,
                (SSLSocketFactory) SSLSocketFactory.getDefault(), Duration.ofSeconds(2), Duration.ofSeconds(3), 4_096);
    }

    @Test
    void connectsToTheAddressItCheckedWhenTheNameAnswersDifferentlyLater() throws IOException {
        AtomicInteger lookups = new AtomicInteger();
        HostResolver rebinding = host -> List.of(lookups.getAndIncrement() == 0 ? PUBLIC : INTERNAL);

        PinnedHttpClient.Response response = client(rebinding)
                .get(URI.create("http://jwks.rebind.test:" + port + "/keys?x=1"), Map.of("Accept", "application/json"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"keys\":[]}");
        assertThat(response.header("content-type")).contains("application/json");
        assertThat(lookups).as("resolved once, for the check and the connection").hasValue(1);
        assertThat(publicRequests).containsExactly("GET /keys?x=1 Host=jwks.rebind.test:" + port);
        assertThat(internalRequests).isEmpty();
    }

    @Test
    void refusesANameWithAnyRefusedAddressAndConnectsNowhere() {
        HostResolver both = host -> List.of(PUBLIC, INTERNAL);

        assertThatThrownBy(() -> client(both).get(URI.create("http://mixed.test:" + port + "/"), Map.of()))
                .isInstanceOf(IOException.class).hasMessageContaining("refused address: internal");
        assertThat(publicRequests).isEmpty();
        assertThat(internalRequests).isEmpty();
    }

    @Test
    void readsAChunkedAnswerAndRefusesOneOverTheSizeLimit() throws IOException {
        HostResolver fixed = host -> List.of(PUBLIC);

        assertThat(new String(client(fixed).get(URI.create("http://a.test:" + port + "/chunked"), Map.of()).body(),
                StandardCharsets.UTF_8)).isEqualTo("{\"keys\":[]}");
        assertThatThrownBy(() -> client(fixed).get(URI.create("http://a.test:" + port + "/big"), Map.of()))
                .isInstanceOf(IOException.class).hasMessageContaining("larger than 4096 bytes");
    }

    @Test
    void refusesOtherSchemesUserInformationAndHeaderInjection() {
        HostResolver fixed = host -> List.of(PUBLIC);

        assertThatThrownBy(() -> client(fixed).get(URI.create("file:///etc/passwd"), Map.of()))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> client(fixed).get(URI.create("http://u:p@a.test:" + port + "/"), Map.of()))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> client(fixed).get(URI.create("http://a.test:" + port + "/"), Map.of("X", "a\r\nB: c")))
                .isInstanceOf(IOException.class);
        assertThat(publicRequests).isEmpty();
    }

    @Test
    void givesUpAtTheTotalTimeout() throws IOException {
        HttpServer slow = HttpServer.create(new InetSocketAddress(PUBLIC, 0), 0);
        slow.createContext("/", exchange -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        slow.start();
        try {
            long started = System.nanoTime();
            assertThatThrownBy(() -> client(host -> List.of(PUBLIC))
                    .get(URI.create("http://slow.test:" + slow.getAddress().getPort() + "/"), Map.of()))
                    .isInstanceOf(IOException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
        } finally {
            slow.stop(0);
        }
    }
}
