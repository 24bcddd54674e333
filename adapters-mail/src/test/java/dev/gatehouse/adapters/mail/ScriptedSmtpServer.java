package dev.gatehouse.adapters.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real, tiny SMTP server on a loopback socket that answers one chosen reply at one stage of the
 * dialogue (MAIL FROM, RCPT TO or the end of DATA) and 250 everywhere else; or, {@link #silent()}, accepts
 * connections and never says a word; or, {@link #offeringStarttls()}, offers a STARTTLS it cannot do.
 * One connection at a time, which is all a test needs.
 */
final class ScriptedSmtpServer implements AutoCloseable {
    enum Stage { MAIL, RCPT, DATA }

    private final ServerSocket socket;
    private final Stage stage;
    private final String reply;
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final boolean offersStarttls;
    private final Thread acceptor;

    private ScriptedSmtpServer(Stage stage, String reply, boolean offersStarttls) {
        this.stage = stage;
        this.reply = reply;
        this.offersStarttls = offersStarttls;
        try {
            socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = Thread.ofPlatform().daemon().name("scripted-smtp").start(this::acceptLoop);
    }

    /** Answers {@code reply} (e.g. {@code "550 5.1.1 no such mailbox"}) at {@code stage}. */
    static ScriptedSmtpServer answering(Stage stage, String reply) {
        return new ScriptedSmtpServer(stage, reply, false);
    }

    /** Accepts every mail, offers STARTTLS in its EHLO answer and answers 454 (TLS not available) to it. */
    static ScriptedSmtpServer offeringStarttls() {
        return new ScriptedSmtpServer(Stage.DATA, "250 2.0.0 queued", true);
    }

    /** Accepts connections, then neither greets nor answers. */
    static ScriptedSmtpServer silent() {
        return new ScriptedSmtpServer(null, null, false);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** The commands received, in order, as sent (DATA content not included). */
    List<String> commands() {
        return List.copyOf(commands);
    }

    int connectionsAccepted() {
        return accepted.get();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                accepted.incrementAndGet();
                open.add(client);
                if (stage != null) {
                    converse(client);
                } else {
                    // Hold the connection open without a greeting until the client gives up.
                    while (client.getInputStream().read() >= 0) {
                        // discard
                    }
                }
            } catch (IOException e) {
                // the client went away or the server was closed: next connection
            }
        }
    }

    private void converse(Socket client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = client.getOutputStream();
        send(out, "220 scripted.test ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
            commands.add(line);
            String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line.toUpperCase(Locale.ROOT);
            switch (verb) {
                case "EHLO", "HELO" -> send(out, offersStarttls ? "250-scripted.test\r\n250 STARTTLS" : "250 scripted.test");
                case "STAR" -> send(out, "454 4.7.0 TLS not available");
                case "MAIL" -> send(out, stage == Stage.MAIL ? reply : "250 2.1.0 OK");
                case "RCPT" -> send(out, stage == Stage.RCPT ? reply : "250 2.1.5 OK");
                case "DATA" -> {
                    send(out, "354 end with <CRLF>.<CRLF>");
                    String data;
                    while ((data = in.readLine()) != null && !data.equals(".")) {
                        // discard the content
                    }
                    send(out, stage == Stage.DATA ? reply : "250 2.0.0 queued");
                }
                case "RSET", "NOOP" -> send(out, "250 2.0.0 OK");
                case "QUIT" -> {
                    send(out, "221 2.0.0 bye");
                    return;
                }
                default -> send(out, "502 5.5.2 not implemented");
            }
        }
    }

    private static void send(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket client : open) {
            client.close();
        }
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
