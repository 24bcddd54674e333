package dev.gatehouse.bootstrap.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of a test's own, never the shared server on 5432: made by the machine's {@code initdb} in a
 * temporary directory, listening on a free port of 127.0.0.1 only (trust authentication, user {@code postgres}),
 * started and stopped at will with {@code pg_ctl}, removed at {@link #close}. initdb refuses to run as root, so when
 * the tests run as root (CI) the binaries run as the {@code postgres} OS user through {@code runuser}, with the
 * directory given to that user; as any other user they run as that user.
 */
final class PrivatePostgres implements AutoCloseable {
    private static final Path INSTALLATIONS = Path.of("/usr/lib/postgresql");
    private static final long COMMAND_TIMEOUT_SECONDS = 60;

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asPostgresUser;

    private PrivatePostgres(Path bin, Path dir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** Why no private cluster can be made here, if none can (the test is then skipped with this message). */
    static Optional<String> unavailable() {
        if (binaries().isEmpty()) {
            return Optional.of("no PostgreSQL server binaries (initdb, pg_ctl) under " + INSTALLATIONS);
        }
        if (isRoot() && postgresUser().isEmpty()) {
            return Optional.of("running as root, where initdb refuses to run, and there is no 'postgres' OS user to run it as");
        }
        return Optional.empty();
    }

    /** A fresh cluster, started. */
    static PrivatePostgres create() {
        Path bin = binaries().orElseThrow(() -> new IllegalStateException(unavailable().orElse("no binaries")));
        boolean asPostgres = isRoot();
        try {
            Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "gh-pg-");
            if (asPostgres) {
                Files.setOwner(dir, postgresUser().orElseThrow());
            }
            PrivatePostgres cluster = new PrivatePostgres(bin, dir, freePort(), asPostgres);
            cluster.run(bin.resolve("initdb").toString(), "-D", cluster.data().toString(), "-U", "postgres",
                    "--auth=trust", "--encoding=UTF8", "--no-sync", "--no-instructions");
            cluster.start();
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** Starts the cluster and waits until it accepts connections. */
    void start() {
        // fsync off: these tests stop PostgreSQL cleanly, never crash it, and its own durability is not what they test
        run(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-l", dir.resolve("server.log").toString(),
                "-w", "-t", "30", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c synchronous_commit=off -c full_page_writes=off", "start");
    }

    /** Stops it as an operator restarting it would ({@code -m fast}: sessions ended, a clean shutdown). */
    void stop() {
        run(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-w", "-t", "30", "-m", "fast", "stop");
    }

    /** Its log, for failure messages. */
    String log() {
        try {
            Path log = dir.resolve("server.log");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        try {
            run(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-w", "-m", "immediate", "stop");
        } catch (RuntimeException alreadyStopped) {
            // nothing to stop
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is no failure
        }
    }

    private Path data() {
        return dir.resolve("data");
    }

    private void run(String... command) {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", full) + " did not finish\n" + output);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " failed with exit code " + process.exitValue()
                        + "\n" + output + "\n--- server log ---\n" + log());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + full, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + full, e);
        }
    }

    /** The bin directory of the newest installed PostgreSQL that has initdb and pg_ctl. */
    private static Optional<Path> binaries() {
        if (!Files.isDirectory(INSTALLATIONS)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(INSTALLATIONS)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(PrivatePostgres::majorVersion));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static Optional<UserPrincipal> postgresUser() {
        try {
            return Optional.of(Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres"));
        } catch (UserPrincipalNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
