package dev.gatehouse.bootstrap.e2e;

import dev.gatehouse.adapters.crypto.MasterKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real server, {@code bootstrap/target/gatehouse.jar}, as a child process: started with the JVM
 * that runs the tests and the options of {@code bootstrap/jvm.options}, in dev mode on a free port
 * with a cheap bcrypt cost, logging JSON unless the test asks for text, and ready once it prints
 * {@code Gatehouse ready on port <N>} (bare, or as a JSON event's message). Every instance is stopped when the
 * test JVM exits, whatever happens to the test. Its output is kept (also in {@code target/e2e-server-logs/}) and,
 * when it is stopped, held to the logging rules ({@link ServerLogs}: no secret any test used, JSON lines only).
 */
final class ServerProcess implements AutoCloseable {
    static final String DEV_PUBLIC_KEY = "dev_memory_pk";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern READY_LINE = Pattern.compile("Gatehouse ready on port (\\d+)");
    private static final Pattern MANAGEMENT_LINE = Pattern.compile("Gatehouse management on port (\\d+)");
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    /** How the output notes that reading it failed (a stream closed under the reader as the process ended). */
    static final String READ_FAILED = "[reading the server output failed: ";

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "gatehouse-it-cleanup"));
    }

    private final Process process;
    private final List<String> output;
    private final URI baseUri;
    private final Thread reader;
    private final boolean json;
    private boolean killed;
    private boolean checked;

    private ServerProcess(Process process, List<String> output, String host, int port, Thread reader, boolean json) {
        this.process = process;
        this.output = output;
        this.baseUri = URI.create("http://" + host + ":" + port);
        this.reader = reader;
        this.json = json;
    }

    /**
     * Starts the server with its data (H2 database, dev master key) under {@code dataDir}, plus the
     * given environment variables, which override the test defaults. Waits until it is ready.
     */
    static ServerProcess start(Path dataDir, Map<String, String> extraEnvironment) {
        return start(testJava(), jvmOptions(), dataDir, extraEnvironment, List.of(), "127.0.0.1");
    }

    /**
     * As {@link #start(Path, Map)}, the command run behind {@code commandPrefix} (such as
     * {@code ip netns exec <namespace>}, which runs it in a network namespace) and listening on {@code host}
     * ({@code GATEHOUSE_HOST}), where the tests then reach it.
     */
    static ServerProcess start(Path dataDir, Map<String, String> extraEnvironment, List<String> commandPrefix,
                               String host) {
        return start(testJava(), jvmOptions(), dataDir, extraEnvironment, commandPrefix, host);
    }

    /**
     * The same on another Java runtime, {@code java} being its {@code bin/java} (RuntimeImageIT's jlink image): its
     * class-data archive is {@code archiveName} beside the jar, apart from the one the test JVM's servers share.
     */
    static ServerProcess startOn(Path java, String archiveName, Path dataDir, Map<String, String> extraEnvironment) {
        return start(java, jvmOptions(archiveName), dataDir, extraEnvironment, List.of(), "127.0.0.1");
    }

    private static Path testJava() {
        return Path.of(ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot tell which java runs the tests")));
    }

    private static ServerProcess start(Path java, List<String> jvmOptions, Path dataDir,
                                       Map<String, String> extraEnvironment, List<String> commandPrefix, String host) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("GATEHOUSE_MODE", "dev");
        environment.put("GATEHOUSE_PORT", "0");
        environment.put("GATEHOUSE_BCRYPT_COST", "4");
        // Tests send dozens of simultaneous requests that hash (at cost 4, a millisecond each): a queue this
        // long never sheds them. Shedding itself is tested with a small queue (LoginFloodIT).
        environment.put("GATEHOUSE_HASH_QUEUE", "10000");
        environment.put("GATEHOUSE_DATA_DIR", dataDir.toAbsolutePath().toString());
        // Tests of other features send many requests from one address; the rate-limit tests turn them back on.
        environment.put("GATEHOUSE_RATE_LIMITS", "off");
        // The prod default, so that every server test reads the JSON lines (CrashSafetyIT's H2 case asks for text).
        environment.put("GATEHOUSE_LOG_FORMAT", "json");
        environment.put("GATEHOUSE_HOST", host);
        environment.putAll(extraEnvironment);

        List<String> command = new ArrayList<>(commandPrefix);
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", serverJar().toString(), "serve"));

        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .directory(dataDir.toFile());
        // Nothing from the developer's shell (a real database URL, prod mode) may leak in.
        builder.environment().keySet().removeIf(name -> name.startsWith("GATEHOUSE_"));
        builder.environment().putAll(environment);
        // As every launcher of the server sets it (bootstrap/jvm.options says why).
        builder.environment().put("MALLOC_ARENA_MAX", "2");

        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        LIVE.add(process);
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Path copy = ServerLogs.fileFor(process.pid());
        Thread reader = new Thread(() -> readOutput(process, output, port, copy), "gatehouse-it-output");
        reader.setDaemon(true);
        reader.start();

        try {
            return new ServerProcess(process, output, host, port.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS),
                    reader, "json".equalsIgnoreCase(environment.get("GATEHOUSE_LOG_FORMAT")));
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
            awaitExit(process, STOP_TIMEOUT);
            LIVE.remove(process);
            String why = e instanceof TimeoutException
                    ? "did not print 'Gatehouse ready on port <N>' within " + START_TIMEOUT.toSeconds() + " s"
                    : e.getCause().getMessage();
            throw new AssertionError("server " + why + "\ncommand: " + command + "\nenvironment: " + environment
                    + "\n--- server output ---\n" + String.join("\n", output));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            LIVE.remove(process);
            throw new IllegalStateException("interrupted while starting the server", e);
        }
    }

    private static void readOutput(Process process, List<String> output, CompletableFuture<Integer> port, Path copy) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
                ServerLogs.append(copy, line);
                Matcher ready = READY_LINE.matcher(line);
                if (!port.isDone() && ready.find()) {
                    port.complete(Integer.parseInt(ready.group(1)));
                }
            }
        } catch (IOException e) {
            output.add(READ_FAILED + e + "]");
        }
        port.completeExceptionally(new IllegalStateException(
                "exited before it was ready" + exitCode(process)));
    }

    private static String exitCode(Process process) {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? " (exit code " + process.exitValue() + ")" : "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** The server jar: {@code -Dgatehouse.jar=...}, else {@code target/gatehouse.jar} of this module. */
    static Path serverJar() {
        Path jar = Path.of(System.getProperty("gatehouse.jar", moduleDir().resolve("target/gatehouse.jar").toString()));
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("no server jar at " + jar.toAbsolutePath()
                    + ": build it with ./mvnw -pl bootstrap -am package (failsafe runs after package)");
        }
        return jar.toAbsolutePath();
    }

    /** The bootstrap module's directory (surefire and failsafe set {@code basedir}). */
    static Path moduleDir() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath().normalize();
    }

    /**
     * The class-data archive beside the jar; removed when older than the jar, since the JVM neither uses nor
     * rewrites an archive of another build (the next server's exit makes a fresh one).
     */
    private static Path freshArchive(String name) {
        Path jar = serverJar().toAbsolutePath();
        Path archive = jar.getParent().resolve(name);
        try {
            if (Files.exists(archive) && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) < 0) {
                Files.deleteIfExists(archive);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return archive;
    }

    /**
     * The options of {@code bootstrap/jvm.options}, as bin/dev reads them: '#' comments, blank lines skipped,
     * a relative class-data archive put beside the jar (shared by every server the tests start).
     */
    static List<String> jvmOptions() {
        return jvmOptions(null);
    }

    /** As {@link #jvmOptions()}, with the class-data archive named {@code archiveName} (null: as the file says). */
    private static List<String> jvmOptions(String archiveName) {
        try {
            String archive = "-XX:SharedArchiveFile=";
            return Files.readAllLines(moduleDir().resolve("jvm.options")).stream()
                    .map(line -> line.replaceFirst("#.*", "").strip())
                    .filter(line -> !line.isEmpty())
                    .map(line -> line.startsWith(archive) && !Path.of(line.substring(archive.length())).isAbsolute()
                            ? archive + freshArchive(archiveName != null ? archiveName : line.substring(archive.length()))
                            : line)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI baseUri() {
        return baseUri;
    }

    URI uri(String path) {
        return baseUri.resolve(path);
    }

    /** {@code path} on the management port, which the server names once it listens (GATEHOUSE_MANAGEMENT_PORT). */
    URI managementUri(String path) {
        synchronized (output) {
            for (String line : output) {
                Matcher management = MANAGEMENT_LINE.matcher(line);
                if (management.find()) {
                    return URI.create("http://127.0.0.1:" + management.group(1)).resolve(path);
                }
            }
        }
        throw new IllegalStateException("the server named no management port (GATEHOUSE_MANAGEMENT_PORT unset?)");
    }

    /** The output lines so far. */
    List<String> outputLines() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Graceful stop: SIGTERM, then waits for the exit; returns the exit code. Then checks the output (ServerLogs). The
     * signal goes through the process handle: {@link Process#destroy()} would also close the output pipe at once,
     * losing what the server logs while it stops.
     */
    int stop() {
        process.toHandle().destroy();
        int code = awaitExitOrKill();
        checkOutput();
        return code;
    }

    /** Crash: SIGKILL, no shutdown hooks run; returns the exit code (137). Then checks the output (ServerLogs). */
    int kill() {
        killed = true;
        process.destroyForcibly();
        int code = awaitExitOrKill();
        checkOutput();
        return code;
    }

    /** Once the process is gone and its output read to the end: the logging rules, once per process. */
    private void checkOutput() {
        if (checked) {
            return;
        }
        checked = true;
        try {
            reader.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ServerLogs.check(toString(), outputLines(), json, killed);
    }

    private int awaitExitOrKill() {
        if (!awaitExit(process, STOP_TIMEOUT)) {
            process.destroyForcibly();
            awaitExit(process, STOP_TIMEOUT);
            LIVE.remove(process);
            throw new AssertionError("server did not exit within " + STOP_TIMEOUT.toSeconds()
                    + " s of being stopped (killed now)\n--- server output ---\n" + output());
        }
        LIVE.remove(process);
        return process.exitValue();
    }

    private static boolean awaitExit(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The environment for several server processes sharing one fresh PostgreSQL schema and one master
     * key, as in a real deployment; callers add their own variables to the returned (mutable) map.
     */
    static Map<String, String> sharedPostgresEnvironment() {
        Map<String, String> env = new HashMap<>(Database.POSTGRESQL.serverEnvironment());
        env.put("GATEHOUSE_MASTER_KEY", MasterKey.generateBase64());
        return env;
    }

    /** Stops each of the processes that was started (nulls, from a failed start, are skipped). */
    static void closeAll(ServerProcess... processes) {
        for (ServerProcess each : processes) {
            if (each != null) {
                each.close();
            }
        }
    }

    /**
     * Stops the server if it still runs (gracefully, killing it if that takes too long), then checks its output
     * (ServerLogs), failing the test or the class that closes it.
     */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            if (!awaitExit(process, STOP_TIMEOUT)) {
                killed = true;
                process.destroyForcibly();
                awaitExit(process, STOP_TIMEOUT);
            }
        }
        LIVE.remove(process);
        checkOutput();
    }

    @Override
    public String toString() {
        return "gatehouse server at " + baseUri + (process.isAlive() ? "" : " (exited)");
    }
}
