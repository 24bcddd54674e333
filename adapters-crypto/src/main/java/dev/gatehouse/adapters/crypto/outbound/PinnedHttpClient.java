package dev.gatehouse.adapters.crypto.outbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * HTTP(S) requests to a tenant-chosen URL, for every outbound call the server makes on a tenant's behalf (JWKS
 * now; OAuth and OIDC endpoints later). The host is resolved once, every address it has is checked against the
 * address policy ({@link OutboundAddressPolicy} outside dev mode), and the connection goes to an address that
 * was checked: the name is not resolved again, so a DNS answer that changes after the check (rebinding) cannot
 * steer the request elsewhere. TLS still names and verifies the host: SNI and the certificate check use the
 * name from the URL, and the {@code Host} header carries it. HTTP/1.1 with {@code Connection: close}; no
 * redirects (a 3xx is returned as is); bounded connect time, total time and response size.
 */
public final class PinnedHttpClient {
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private final HostResolver resolver;
    private final Function<InetAddress, Optional<String>> policy;
    private final SSLSocketFactory tls;
    private final Duration connectTimeout;
    private final Duration totalTimeout;
    private final int maxBodyBytes;

    /**
     * @param policy why an address is refused (empty: allowed); {@link OutboundAddressPolicy#refusal} in production
     */
    public PinnedHttpClient(HostResolver resolver, Function<InetAddress, Optional<String>> policy, SSLSocketFactory tls,
                            Duration connectTimeout, Duration totalTimeout, int maxBodyBytes) {
        this.resolver = resolver;
        this.policy = policy;
        this.tls = tls;
        this.connectTimeout = connectTimeout;
        this.totalTimeout = totalTimeout;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** A response: status, headers by lower-case name, and the body (at most the configured size). */
    public record Response(int status, Map<String, List<String>> headers, byte[] body) {
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT))).map(values -> values.get(0));
        }
    }

    /** A GET. @throws IOException when the URL is unusable, an address is refused, or the exchange fails */
    public Response get(URI uri, Map<String, String> headers) throws IOException {
        return send("GET", uri, headers, null);
    }

    /** A POST of {@code body} with the given content type (form posts to token endpoints, say). */
    public Response post(URI uri, Map<String, String> headers, String contentType, byte[] body) throws IOException {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", contentType);
        return send("POST", uri, all, body);
    }

    private Response send(String method, URI uri, Map<String, String> headers, byte[] body) throws IOException {
        String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
        boolean https = scheme.equals("https");
        if (!https && !scheme.equals("http")) {
            throw new IOException("only http and https URLs are fetched");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty() || uri.getRawUserInfo() != null) {
            throw new IOException("the URL needs a host and no user information");
        }
        String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        InetAddress target = checkedAddress(bareHost);
        long deadline = System.nanoTime() + totalTimeout.toNanos();

        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(target, port), (int) Math.max(1, connectTimeout.toMillis()));
            Socket channel = socket;
            if (https) {
                SSLSocket ssl = (SSLSocket) tls.createSocket(socket, bareHost, port, true);
                SSLParameters parameters = ssl.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
                if (!isLiteral(bareHost)) {
                    parameters.setServerNames(List.of(new SNIHostName(bareHost)));
                }
                ssl.setSSLParameters(parameters);
                ssl.setSoTimeout(remainingMillis(deadline));
                ssl.startHandshake();
                channel = ssl;
            }
            writeRequest(channel.getOutputStream(), method, uri, host, port, https, headers, body);
            return readResponse(new DeadlineInput(channel, deadline));
        } catch (SocketTimeoutException e) {
            throw new IOException("no complete answer within " + totalTimeout.toMillis() + " ms", e);
        } finally {
            socket.close();
        }
    }

    /** Resolves once and checks every address (one bad address refuses the name); returns the first. */
    private InetAddress checkedAddress(String host) throws IOException {
        List<InetAddress> addresses = resolver.resolve(host);
        if (addresses.isEmpty()) {
            throw new java.net.UnknownHostException(host);
        }
        for (InetAddress address : addresses) {
            Optional<String> refused = policy.apply(address);
            if (refused.isPresent()) {
                throw new IOException("the host " + host + " resolves to a refused address: " + refused.get());
            }
        }
        return addresses.get(0);
    }

    private static boolean isLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    private static void writeRequest(OutputStream out, String method, URI uri, String host, int port, boolean https,
                                     Map<String, String> headers, byte[] body) throws IOException {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        boolean defaultPort = port == (https ? 443 : 80);
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(defaultPort ? "" : ":" + port).append("\r\n")
                .append("Connection: close\r\nAccept-Encoding: identity\r\nUser-Agent: Gatehouse\r\n");
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String line = header.getKey() + ": " + header.getValue();
            if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
                throw new IOException("a header holds a line break");
            }
            head.append(line).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            out.write(body);
        }
        out.flush();
    }

    private Response readResponse(InputStream in) throws IOException {
        String statusLine = readLine(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x answer");
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("unreadable HTTP status", e);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        int headerBytes = statusLine.length();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            headerBytes += line.length();
            if (headerBytes > MAX_HEADER_BYTES) {
                throw new IOException("the answer's headers are too large");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("unreadable HTTP header");
            }
            headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new java.util.ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        Response head = new Response(status, headers, new byte[0]);
        byte[] body;
        if (head.header("transfer-encoding").map(v -> v.toLowerCase(Locale.ROOT).contains("chunked")).orElse(false)) {
            body = readChunked(in);
        } else if (head.header("content-length").isPresent()) {
            long length;
            try {
                length = Long.parseLong(head.header("content-length").get());
            } catch (NumberFormatException e) {
                throw new IOException("unreadable Content-Length", e);
            }
            if (length < 0 || length > maxBodyBytes) {
                throw new IOException("the answer is larger than " + maxBodyBytes + " bytes");
            }
            body = in.readNBytes((int) length);
            if (body.length != length) {
                throw new IOException("the answer ended early");
            }
        } else {
            body = readCapped(in, Long.MAX_VALUE);
        }
        return new Response(status, headers, body);
    }

    private byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            int semicolon = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("unreadable chunk size", e);
            }
            if (size < 0 || out.size() + size > maxBodyBytes) {
                throw new IOException("the answer is larger than " + maxBodyBytes + " bytes");
            }
            if (size == 0) {
                while (!readLine(in).isEmpty()) {
                    // trailers: ignored
                }
                return out.toByteArray();
            }
            byte[] chunk = in.readNBytes((int) size);
            if (chunk.length != size) {
                throw new IOException("the answer ended early");
            }
            out.write(chunk);
            readLine(in); // the CRLF after the chunk
        }
    }

    private byte[] readCapped(InputStream in, long limit) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(limit, maxBodyBytes + 1L));
        if (bytes.length > maxBodyBytes) {
            throw new IOException("the answer is larger than " + maxBodyBytes + " bytes");
        }
        return bytes;
    }

    /** One line without its CRLF (or LF), in ISO-8859-1; at most {@link #MAX_HEADER_BYTES}. */
    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c == -1) {
                throw new IOException("the answer ended early");
            }
            if (line.length() >= MAX_HEADER_BYTES) {
                throw new IOException("an answer line is too long");
            }
            line.append((char) c);
        }
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    /** The socket's input, buffered, with every read bounded by what is left of the total time. */
    private static final class DeadlineInput extends InputStream {
        private final Socket socket;
        private final InputStream in;
        private final long deadline;

        DeadlineInput(Socket socket, long deadline) throws IOException {
            this.socket = socket;
            this.in = new java.io.BufferedInputStream(socket.getInputStream());
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            socket.setSoTimeout(remainingMillis(deadline));
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            socket.setSoTimeout(remainingMillis(deadline));
            return in.read(b, off, len);
        }
    }
}
