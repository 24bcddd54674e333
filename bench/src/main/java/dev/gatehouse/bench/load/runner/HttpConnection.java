package dev.gatehouse.bench.load.runner;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection over a plain socket, used by one thread at a time: send a request
 * built in advance, read the whole response. Deliberately small (no TLS, no pipelining, no redirects) so
 * that the load generator spends as little of the machine's CPU as possible on its own side: on a 2-core
 * machine every cycle it burns is taken from the server. Reconnects by itself after the server closed
 * the connection or after an I/O error.
 */
public final class HttpConnection implements AutoCloseable {
    private static final int MAX_LINE_BYTES = 16 * 1024;
    private static final int MAX_HEADER_LINES = 200;
    private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private final InetSocketAddress address;
    private final int timeoutMillis;
    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private long reconnects;

    /** The server closed the connection before sending a single byte of the response. */
    private static final class ClosedBeforeResponse extends EOFException {
        private static final long serialVersionUID = 1L;

        ClosedBeforeResponse() {
            super("connection closed by the server before a response");
        }
    }

    /** A response: its status and its body (bodies are small here: tokens, users, health). */
    public record Response(int status, byte[] body, String retryAfter) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    public HttpConnection(InetSocketAddress address, int timeoutMillis) {
        this.address = address;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Sends {@code request} (a complete HTTP/1.1 message) and reads the response. A kept-alive connection
     * that the server closed before answering anything (EOF before the status line, reset, broken pipe) is
     * replaced once and the request sent again; a timeout or a broken response is never retried.
     */
    public Response exchange(byte[] request) throws IOException {
        boolean fresh = socket == null;
        try {
            if (fresh) {
                connect();
            }
            return send(request);
        } catch (ClosedBeforeResponse | SocketException stale) {
            close();
            if (fresh) {
                throw stale;
            }
            reconnects++;
            connect();
            return send(request);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** How many times a kept-alive connection had to be replaced. */
    public long reconnects() {
        return reconnects;
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout(timeoutMillis);
            s.connect(address, timeoutMillis);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        socket = s;
        out = s.getOutputStream();
        in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
    }

    private Response send(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        return readResponse();
    }

    private Response readResponse() throws IOException {
        int first = in.read();
        if (first < 0) {
            throw new ClosedBeforeResponse();
        }
        String statusLine = (char) first + readLine();
        if (!statusLine.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x status line: " + abbreviate(statusLine));
        }
        int firstSpace = statusLine.indexOf(' ');
        if (firstSpace < 0 || statusLine.length() < firstSpace + 4) {
            throw new IOException("malformed status line: " + abbreviate(statusLine));
        }
        int status = Integer.parseInt(statusLine.substring(firstSpace + 1, firstSpace + 4));
        long contentLength = -1;
        boolean chunked = false;
        boolean close = statusLine.startsWith("HTTP/1.0");
        String retryAfter = null;
        for (int i = 0; ; i++) {
            if (i == MAX_HEADER_LINES) {
                throw new IOException("more than " + MAX_HEADER_LINES + " header lines");
            }
            String line = readLine();
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> contentLength = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> close = value.equalsIgnoreCase("close");
                case "retry-after" -> retryAfter = value;
                default -> { }
            }
        }
        byte[] body;
        if (status == 204 || status == 304 || status / 100 == 1) {
            body = new byte[0];
        } else if (chunked) {
            body = readChunked();
        } else if (contentLength >= 0) {
            if (contentLength > MAX_BODY_BYTES) {
                throw new IOException("response body of " + contentLength + " bytes is too large");
            }
            body = in.readNBytes((int) contentLength);
            if (body.length != contentLength) {
                throw new EOFException("connection closed inside a response body");
            }
        } else {
            body = in.readNBytes(MAX_BODY_BYTES);
            close = true;
        }
        if (close) {
            close();
        }
        return new Response(status, body, retryAfter);
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int chunks = 0; chunks < 100_000; chunks++) {
            String sizeLine = readLine();
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                for (int i = 0; i < MAX_HEADER_LINES; i++) { // trailers, then the empty line
                    if (readLine().isEmpty()) {
                        return body.toByteArray();
                    }
                }
                throw new IOException("too many trailer lines");
            }
            if (body.size() + size > MAX_BODY_BYTES) {
                throw new IOException("chunked response body is too large");
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length != size) {
                throw new EOFException("connection closed inside a chunk");
            }
            body.write(chunk);
            if (!readLine().isEmpty()) {
                throw new IOException("a chunk is not followed by CRLF");
            }
        }
        throw new IOException("too many chunks");
    }

    /** One line without its CRLF, in ISO-8859-1 (status and header lines). */
    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int i = 0; i < MAX_LINE_BYTES; i++) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed by the server");
            }
            if (b == '\n') {
                int length = line.length();
                if (length > 0 && line.charAt(length - 1) == '\r') {
                    line.setLength(length - 1);
                }
                return line.toString();
            }
            line.append((char) b);
        }
        throw new IOException("a line longer than " + MAX_LINE_BYTES + " bytes");
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
        out = null;
        in = null;
    }

    /** Builds a complete request message; {@code body} may be null (then no Content-Length). */
    public static byte[] request(String method, String path, String hostHeader, String[] headers, String body) {
        StringBuilder message = new StringBuilder(256);
        message.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        message.append("Host: ").append(hostHeader).append("\r\n");
        for (String header : headers) {
            message.append(header).append("\r\n");
        }
        byte[] bodyBytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        if (bodyBytes != null) {
            message.append("Content-Length: ").append(bodyBytes.length).append("\r\n");
        }
        message.append("\r\n");
        byte[] head = message.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (bodyBytes == null) {
            return head;
        }
        byte[] all = new byte[head.length + bodyBytes.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bodyBytes, 0, all, head.length, bodyBytes.length);
        return all;
    }
}
