package dev.gatehouse.bootstrap.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the test's own: {@code initdb} and {@code pg_ctl} of the installed server binaries on a
 * temporary directory and a free port, listening on the addresses the test chooses (never the shared server on
 * 5432, which is left alone). {@code initdb} refuses root, so every command runs as the {@code postgres} OS user
 * ({@code runuser -u postgres --}). Trust authentication from 10.213.0.0/16; durability off (fsync), as for any
 * throw-away cluster. {@link #removeLeftovers} stops and removes clusters an earlier killed run left behind.
 */
final class OwnPostgres implements AutoCloseable {
    private static final String DIRECTORY_PREFIX = "gatehouse-own-pg-";

    private final Path directory;
    private final int port;
    private final String firstAddress;

    private OwnPostgres(Path directory, int port, String firstAddress) {
        this.directory = directory;
        this.port = port;
        this.firstAddress = firstAddress;
    }

    /** The newest installed server's bin directory ({@code /usr/lib/postgresql/<version>/bin}), or null. */
    static Path binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                    .max(Comparator.comparing(bin -> versionOf(bin.getParent()))).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static int versionOf(Path dir) {
        String name = dir.getFileName().toString();
        return name.matches("\\d+") ? Integer.parseInt(name) : 0;
    }

    /** Why a cluster cannot be made here, or null when it can. */
    static String unavailableBecause() {
        if (binaries() == null) {
            return "no PostgreSQL server binaries (initdb, pg_ctl) under /usr/lib/postgresql/<version>/bin";
        }
        if (NodeNetwork.run(List.of("id", "-u", "postgres")).exitCode() != 0) {
            return "no 'postgres' OS user to run initdb as";
        }
        if (NodeNetwork.run(List.of("runuser", "--help")).exitCode() != 0) {
            return "no runuser to run initdb as the postgres user";
        }
        return null;
    }

    /** Stops (immediately) and deletes the clusters of earlier runs that did not clean up. */
    static void removeLeftovers() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> dirs = Files.list(tmp)) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith(DIRECTORY_PREFIX)).toList()) {
                if (Files.exists(dir.resolve("data/postmaster.pid"))) {
                    asPostgres(List.of("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop"));
                }
                deleteTree(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates and starts a cluster listening on {@code addresses} (which must exist on this host already). */
    static OwnPostgres start(List<String> addresses) {
        try {
            Path directory = Files.createTempDirectory(DIRECTORY_PREFIX);
            OwnPostgres cluster = new OwnPostgres(directory, freePort(), addresses.getFirst());
            try {
                must(NodeNetwork.run(List.of("chown", "postgres:postgres", directory.toString())), "chown");
                Path data = directory.resolve("data");
                must(asPostgres(List.of("initdb", "-D", data.toString(), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                        "--no-sync", "--no-instructions")), "initdb");
                Files.writeString(data.resolve("pg_hba.conf"), "host all all 10.213.0.0/16 trust\n",
                        StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
                String options = "-p " + cluster.port + " -c listen_addresses='" + String.join(",", addresses) + "'"
                        + " -c unix_socket_directories='" + directory + "' -c fsync=off -c full_page_writes=off"
                        + " -c synchronous_commit=off -c max_connections=100";
                must(asPostgres(List.of("pg_ctl", "-D", data.toString(), "-l", directory.resolve("server.log").toString(),
                        "-o", options, "-w", "-t", "60", "start")), "pg_ctl start");
                return cluster;
            } catch (RuntimeException e) {
                cluster.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    /** A new, empty database; its name. */
    String createDatabase(String name) {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
            return name;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
    }

    /** A connection from the test JVM, as the superuser postgres. */
    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(firstAddress, database), "postgres", null);
    }

    /** The JDBC URL of {@code database} through {@code address}, one of the addresses the cluster listens on. */
    String jdbcUrl(String address, String database) {
        return "jdbc:postgresql://" + address + ":" + port + "/" + database;
    }

    /** The last lines of the cluster's log, for failure messages. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(directory.resolve("server.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops the cluster at once (no checkpoint: it is thrown away) and deletes its directory. */
    @Override
    public void close() {
        if (Files.exists(directory.resolve("data/postmaster.pid"))) {
            asPostgres(List.of("pg_ctl", "-D", directory.resolve("data").toString(), "-m", "immediate", "-w", "stop"));
        }
        deleteTree(directory);
    }

    private static NodeNetwork.Result asPostgres(List<String> command) {
        List<String> full = new ArrayList<>(List.of("runuser", "-u", "postgres", "--",
                binaries().resolve(command.getFirst()).toString()));
        full.addAll(command.subList(1, command.size()));
        return NodeNetwork.run(full);
    }

    private static void must(NodeNetwork.Result result, String what) {
        if (result.exitCode() != 0) {
            throw new IllegalStateException(what + " failed (exit " + result.exitCode() + "): " + result.output());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
