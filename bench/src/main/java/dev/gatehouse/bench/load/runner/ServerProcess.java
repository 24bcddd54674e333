package dev.gatehouse.bench.load.runner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The server under test as a child process: {@code java @bootstrap/jvm.options -jar gatehouse.jar serve}
 * in dev mode on a free port, on a fresh database. Start-to-ready time runs from just before the process
 * is created to the moment its {@code Gatehouse ready on port N} line is read. Standard output is copied
 * to {@code server.out} and standard error (the log, one line per request in dev mode) goes to
 * {@code server.log} in the run directory.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("Gatehouse ready on port (\\d+).*started in (\\d+) ms");

    private final Process process;
    private final Thread killOnExit;
    private final long readyNanos;
    private final long reportedStartMillis;
    private final int port;

    private ServerProcess(Process process, Thread killOnExit, long readyNanos, long reportedStartMillis, int port) {
        this.process = process;
        this.killOnExit = killOnExit;
        this.readyNanos = readyNanos;
        this.reportedStartMillis = reportedStartMillis;
        this.port = port;
    }

    /**
     * How to launch the server; {@code bcryptCost} goes to GATEHOUSE_BCRYPT_COST, {@code environment} holds
     * the other GATEHOUSE_* variables (mode, master key, operator token, hash pool).
     */
    public record Launch(Path jar, Path jvmOptions, int bcryptCost, Path runDir, Duration readyTimeout, boolean discardLog,
                  Map<String, String> environment) {
    }

    /**
     * The options of {@code file} as the java launcher reads an options file ('#' comments and blank lines
     * skipped), except that a relative {@code -XX:SharedArchiveFile} is put beside the server jar: the
     * server runs in a fresh directory per scenario, and the archive (created at the first exit, checked
     * against the jar at every start) should serve every start of the jar, not one.
     */
    public static List<String> jvmOptions(Path file, Path jar) {
        try {
            List<String> kept = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                int hash = line.indexOf('#');
                String option = (hash >= 0 ? line.substring(0, hash) : line).trim();
                if (option.isEmpty()) {
                    continue;
                }
                String archive = "-XX:SharedArchiveFile=";
                if (option.startsWith(archive) && !Path.of(option.substring(archive.length())).isAbsolute()) {
                    Path beside = jar.toAbsolutePath().getParent().resolve(option.substring(archive.length()));
                    deleteIfOlderThan(beside, jar);
                    option = archive + beside;
                }
                kept.add(option);
            }
            return kept;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The JVM neither uses nor rewrites an archive made for another build of the jar (it reports a class
     * path mismatch and runs without), so an archive older than the jar is removed: the next exit makes a
     * fresh one.
     */
    public static void deleteIfOlderThan(Path archive, Path jar) throws IOException {
        if (Files.exists(archive) && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) < 0) {
            Files.delete(archive);
        }
    }

    /** Starts the server on {@code database} (owned by the caller) and waits for its ready line. */
    public static ServerProcess start(Launch launch, ServerDatabase database) {
        try {
            Files.createDirectories(launch.runDir());
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions(launch.jvmOptions(), launch.jar()));
            command.add("-jar");
            command.add(launch.jar().toAbsolutePath().toString());
            command.add("serve");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(launch.runDir().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectError(launch.discardLog() ? ProcessBuilder.Redirect.DISCARD
                            : ProcessBuilder.Redirect.appendTo(launch.runDir().resolve("server.log").toFile()));
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(name -> name.startsWith("GATEHOUSE_"));
            env.put("GATEHOUSE_MODE", "dev");
            env.putAll(launch.environment());
            env.put("GATEHOUSE_HOST", "127.0.0.1");
            env.put("GATEHOUSE_PORT", "0");
            env.put("GATEHOUSE_BCRYPT_COST", Integer.toString(launch.bcryptCost()));
            // The load comes from one address: with rate limits on it would measure 429s.
            env.put("GATEHOUSE_RATE_LIMITS", "off");
            env.putAll(database.environment());
            // As every launcher of the server sets it (bootstrap/jvm.options says why).
            env.put("MALLOC_ARENA_MAX", "2");

            Path stdout = launch.runDir().resolve("server.out");
            CountDownLatch ready = new CountDownLatch(1);
            long[] readyAt = new long[3]; // nanoTime, port, reported millis
            long started = System.nanoTime();
            Process process = builder.start();
            // A harness stopped by Ctrl-C or SIGTERM must not leave its server running.
            Thread killOnExit = new Thread(process::destroyForcibly, "kill-server-" + process.pid());
            Runtime.getRuntime().addShutdownHook(killOnExit);
            Thread.ofPlatform().daemon().name("server-stdout-" + process.pid()).start(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                     PrintStream copy = new PrintStream(Files.newOutputStream(stdout, java.nio.file.StandardOpenOption.CREATE,
                             java.nio.file.StandardOpenOption.APPEND), true, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        long now = System.nanoTime();
                        copy.println(line);
                        Matcher m = READY.matcher(line);
                        if (ready.getCount() > 0 && m.find()) {
                            readyAt[0] = now;
                            readyAt[1] = Long.parseLong(m.group(1));
                            readyAt[2] = Long.parseLong(m.group(2));
                            ready.countDown();
                        }
                    }
                } catch (IOException e) {
                    // the process ended; whoever waits for the ready line sees it did not come
                }
            });
            long deadline = started + launch.readyTimeout().toNanos();
            while (!ready.await(100, TimeUnit.MILLISECONDS)) {
                if (!process.isAlive() || System.nanoTime() - deadline > 0) {
                    String why = process.isAlive() ? "no ready line within " + launch.readyTimeout()
                            : "the server exited with " + process.exitValue();
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                    removeHook(killOnExit);
                    throw new IllegalStateException(why + "; see " + launch.runDir().resolve("server.log") + ":\n"
                            + tail(launch.runDir().resolve("server.log"), 20));
                }
            }
            return new ServerProcess(process, killOnExit, readyAt[0] - started, readyAt[2], (int) readyAt[1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    public String hostHeader() {
        return "127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    /** From process creation to the ready line, as seen by this harness. */
    public double readyMillis() {
        return readyNanos / 1e6;
    }

    /** The server's own "started in N ms" (from its main method; JVM start-up not included). */
    public long reportedStartMillis() {
        return reportedStartMillis;
    }

    public long rssKib() {
        return ProcStats.rssKib(process.pid());
    }

    /** SIGTERM, then wait (bounded) for a graceful stop; SIGKILL when it takes too long. Returns the exit code. */
    public int stop() {
        try {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            if (!process.isAlive()) {
                removeHook(killOnExit);
                return process.exitValue();
            }
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway; the process is gone
        }
    }

    public static String tail(Path file, int lines) {
        try (Stream<String> all = Files.lines(file, StandardCharsets.UTF_8)) {
            List<String> kept = all.toList();
            return String.join("\n", kept.subList(Math.max(0, kept.size() - lines), kept.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
