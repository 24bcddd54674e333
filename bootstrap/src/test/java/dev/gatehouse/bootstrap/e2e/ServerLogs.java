package dev.gatehouse.bootstrap.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the server tests hold every server's output to, when it stops (docs/testing.md, "The log secret scan"):
 * <ul>
 *   <li>no secret any test sent to or got from a server ({@link SecretsSeen}, so far in this JVM) appears in it,
 *       except in the two documented dev-mode exceptions: the dev mailbox's log of each mail (logger
 *       {@code DevMailboxSender}, it prints the codes on purpose) and the dev tenant's lines (the {@code DEV MODE}
 *       warning and the {@code Try: curl} hint, which print its published password);</li>
 *   <li>in the JSON format, every line is one JSON object (lines of the JVM's own logging, {@code [0.1s][warning]...},
 *       excepted; after a SIGKILL the last line may be cut).</li>
 * </ul>
 * Each server's output is also kept in {@code bootstrap/target/e2e-server-logs/}, one file per process.
 */
final class ServerLogs {
    static final Path DIRECTORY = ServerProcess.moduleDir().resolve("target/e2e-server-logs");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A text-format event: {@code 2026-01-01T10:00:00.000Z [thread] [LEVEL] Logger - message}. */
    private static final Pattern TEXT_EVENT = Pattern.compile(
            "^\\d{4}-\\d\\d-\\d\\dT\\S+ \\[[^]]*] \\[[A-Z]+] (\\S+) - (.*)$");
    /** The JVM's unified logging (class-data archive warnings and the like), not the server's. */
    private static final Pattern JVM_LINE = Pattern.compile("^\\[\\d+[.,]\\d+s]\\[\\w+ *]");

    record Event(String logger, String message, String text) {
    }

    private ServerLogs() {
    }

    /** A file for one server's output, named after the test class that started it. */
    static Path fileFor(long pid) {
        String starter = StackWalker.getInstance().walk(frames -> frames.map(StackWalker.StackFrame::getClassName)
                .filter(name -> name.endsWith("IT")).findFirst().orElse("server"));
        try {
            Files.createDirectories(DIRECTORY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return DIRECTORY.resolve(starter.substring(starter.lastIndexOf('.') + 1) + "-" + pid + ".log");
    }

    static void append(Path file, String line) {
        try {
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the copy is for people; the checks read the output kept in memory
        }
    }

    /**
     * Fails, naming the line (the secret masked), when {@code lines} hold a secret outside the documented exceptions,
     * or, when {@code json}, a line that is not a JSON object.
     */
    static void check(String server, List<String> lines, boolean json, boolean killed) {
        List<String> problems = new ArrayList<>();
        if (json) {
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                boolean cutByKill = killed && i == lines.size() - 1;
                boolean harness = line.startsWith(ServerProcess.READ_FAILED); // the test's own note, not the server's
                if (!line.isBlank() && !JVM_LINE.matcher(line).find() && !cutByKill && !harness && parse(line) == null) {
                    problems.add("not a JSON object: " + line);
                }
            }
        }
        Set<String> secrets = SecretsSeen.all();
        for (Event event : events(lines, json)) {
            if (isDocumentedException(event)) {
                continue;
            }
            for (String secret : secrets) {
                if (event.text().contains(secret)) {
                    problems.add("a secret (" + secret.substring(0, 3) + "..., " + secret.length() + " characters) in: "
                            + event.text().replace(secret, "<SECRET>"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(server + ": its output breaks the logging rules (docs/testing.md):\n  "
                    + String.join("\n  ", problems));
        }
    }

    /** The dev-mode lines that print secrets on purpose (docs/operations.md, "Logs"). */
    static boolean isDocumentedException(Event event) {
        String logger = event.logger();
        return logger.endsWith("DevMailboxSender")
                || (logger.endsWith("bootstrap.Main") || logger.equals("Main")) && event.message().startsWith("DEV MODE:")
                || (logger.endsWith("bootstrap.Console") || logger.equals("Console")) && event.message().startsWith("Try: ");
    }

    /**
     * The events of an output: one per line in JSON; in text, a line of the event pattern starts one, a bare line
     * from the console ({@code Gatehouse ...}, {@code Try: ...}) is one of its own, and any other line continues the
     * event before it (a logged mail's text, a stack trace).
     */
    static List<Event> events(List<String> lines, boolean json) {
        List<Event> events = new ArrayList<>();
        for (String line : lines) {
            JsonNode object = json ? parse(line) : null;
            if (object != null) {
                events.add(new Event(object.path("logger").asText(""), object.path("message").asText(""), line));
                continue;
            }
            Matcher text = TEXT_EVENT.matcher(line);
            if (text.matches()) {
                events.add(new Event(text.group(1), text.group(2), line));
            } else if (line.startsWith("Gatehouse ") || line.startsWith("Try: ")) {
                events.add(new Event("Console", line, line));
            } else if (!events.isEmpty() && !json) {
                Event last = events.removeLast();
                events.add(new Event(last.logger(), last.message() + "\n" + line, last.text() + "\n" + line));
            } else {
                events.add(new Event("", line, line));
            }
        }
        return events;
    }

    private static JsonNode parse(String line) {
        if (!line.startsWith("{")) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(line);
            return node != null && node.isObject() ? node : null;
        } catch (IOException notJson) {
            return null;
        }
    }
}
