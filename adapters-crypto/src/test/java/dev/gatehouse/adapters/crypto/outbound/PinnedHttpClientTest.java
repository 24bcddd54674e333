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

    /**
     * https to a pinned address: TLS is given the name from the URL, so the certificate must name that host (not
     * the address connected to), and a certificate for another name is refused.
     */
    @Test
    void speaksTlsToThePinnedAddressAndChecksTheCertificateAgainstTheUrlsHost(@org.junit.jupiter.api.io.TempDir
                                                                              java.nio.file.Path dir) throws Exception {
        java.nio.file.Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=jwks.pinned.test", "-ext", "SAN=dns:jwks.pinned.test", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit")
                .redirectErrorStream(true).start();
        String keytoolOutput = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor()).as(keytoolOutput).isZero();
        java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        javax.net.ssl.KeyManagerFactory keyManagers = javax.net.ssl.KeyManagerFactory.getInstance("PKIX");
        keyManagers.init(keys, "changeit".toCharArray());
        javax.net.ssl.SSLContext serverTls = javax.net.ssl.SSLContext.getInstance("TLS");
        serverTls.init(keyManagers.getKeyManagers(), null, null);
        java.security.KeyStore trusted = java.security.KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("server", keys.getCertificate("server"));
        javax.net.ssl.TrustManagerFactory trustManagers = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
        trustManagers.init(trusted);
        javax.net.ssl.SSLContext clientTls = javax.net.ssl.SSLContext.getInstance("TLS");
        clientTls.init(null, trustManagers.getTrustManagers(), null);

        com.sun.net.httpserver.HttpsServer https = com.sun.net.httpserver.HttpsServer.create(
                new InetSocketAddress(PUBLIC, 0), 0);
        https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(serverTls));
        List<String> requests = new CopyOnWriteArrayList<>();
        serve(https, requests, "{\"keys\":[\"tls\"]}");
        https.start();
        try {
            int tlsPort = https.getAddress().getPort();
            PinnedHttpClient client = new PinnedHttpClient(host -> List.of(PUBLIC), PinnedHttpClientTest::refusesInternal,
                    clientTls.getSocketFactory(), Duration.ofSeconds(2), Duration.ofSeconds(5), 4_096);

            PinnedHttpClient.Response response = client.get(
                    URI.create("https://jwks.pinned.test:" + tlsPort + "/keys"), Map.of());
            assertThat(response.status()).isEqualTo(200);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"keys\":[\"tls\"]}");
            assertThat(requests).containsExactly("GET /keys Host=jwks.pinned.test:" + tlsPort);

            assertThatThrownBy(() -> client.get(URI.create("https://other.pinned.test:" + tlsPort + "/keys"), Map.of()))
                    .as("the certificate does not name this host").isInstanceOf(IOException.class);
            assertThat(requests).hasSize(1);
        } finally {
            https.stop(0);
        }
    }
}
