package dev.gatehouse.bench.load.runner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A local SMTP server that accepts every mail and keeps it in memory by recipient, for a scenario whose users
 * must prove their address (prod mode has no dev mailbox): the server under test gets
 * {@code GATEHOUSE_SMTP_URL=smtp://127.0.0.1:<port>?starttls=off}. It speaks just enough SMTP for one client
 * (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), on 127.0.0.1 only, one thread per connection.
 */
public final class MailSink implements AutoCloseable {
    private final ServerSocket socket;
    private final Map<String, List<String>> byRecipient = new ConcurrentHashMap<>();
    private final Thread acceptor;

    MailSink() {
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = Thread.ofPlatform().daemon().name("mail-sink").start(this::accept);
    }

    /** The value of GATEHOUSE_SMTP_URL that reaches this sink. */
    String smtpUrl() {
        return "smtp://127.0.0.1:" + socket.getLocalPort() + "?starttls=off";
    }

    /**
     * Waits up to {@code timeoutMillis} for a mail to {@code to} whose raw message (headers and MIME parts, quoted-
     * printable soft line breaks undone) contains {@code marker}; returns that message, or fails.
     */
    public String await(String to, String marker, long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        String key = to.toLowerCase(Locale.ROOT);
        while (System.nanoTime() - deadline < 0) {
            List<String> mails = byRecipient.getOrDefault(key, List.of());
            synchronized (mails) {
                for (String mail : mails) {
                    if (mail.contains(marker)) {
                        return mail;
                    }
                }
            }
            Users.pause(50);
        }
        throw new IllegalStateException("no mail to " + to + " containing '" + marker + "' within " + timeoutMillis + " ms");
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread.ofPlatform().daemon().name("mail-sink-session").start(() -> session(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void session(Socket client) {
        try (client; BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                StandardCharsets.ISO_8859_1)); OutputStream out = client.getOutputStream()) {
            client.setSoTimeout(30_000);
            reply(out, "220 bench mail sink");
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String verb = line.length() < 4 ? line.toUpperCase(Locale.ROOT) : line.substring(0, 4).toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO", "HELO" -> reply(out, "250 bench");
                    case "MAIL" -> {
                        recipients.clear();
                        reply(out, "250 ok");
                    }
                    case "RCPT" -> {
                        recipients.add(address(line));
                        reply(out, "250 ok");
                    }
                    case "DATA" -> {
                        reply(out, "354 end with <CRLF>.<CRLF>");
                        String message = data(in);
                        for (String to : recipients) {
                            List<String> mails = byRecipient.computeIfAbsent(to, k -> new ArrayList<>());
                            synchronized (mails) {
                                mails.add(message);
                            }
                        }
                        recipients.clear();
                        reply(out, "250 ok");
                    }
                    case "RSET", "NOOP" -> {
                        recipients.clear();
                        reply(out, "250 ok");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "502 not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away; what was received is kept
        }
    }

    /** The message up to the lone dot, dot-stuffing and quoted-printable soft line breaks undone. */
    private static String data(BufferedReader in) throws IOException {
        StringBuilder message = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null && !line.equals(".")) {
            message.append(line.startsWith("..") ? line.substring(1) : line).append('\n');
        }
        return message.toString().replace("=\n", "");
    }

    private static String address(String line) {
        int open = line.indexOf('<');
        int close = line.indexOf('>', open + 1);
        String address = open >= 0 && close > open ? line.substring(open + 1, close) : line.substring(line.indexOf(':') + 1);
        return address.strip().toLowerCase(Locale.ROOT);
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        try {
            acceptor.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
