package dev.gatehouse.bootstrap;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Runs a {@code gatehouse} command ({@link Main#run}) in the test JVM, with the given environment only, for the
 * server tests of package {@code e2e}: the same code as {@code java -jar gatehouse.jar ...}, without a JVM start per
 * command. Standard output and standard error go to one text, in order, as a process with both redirected to one
 * pipe would show them.
 */
public final class InProcessCommands {
    private InProcessCommands() {
    }

    /** What a command answered: its exit code and everything it printed. */
    public record Result(int exitCode, String output) {
    }

    public static synchronized Result run(Map<String, String> environment, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream both = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            int exitCode = Main.run(args, Map.copyOf(environment), both, both);
            both.flush();
            return new Result(exitCode, bytes.toString(StandardCharsets.UTF_8));
        }
    }
}
