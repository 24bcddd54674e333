package dev.gatehouse.bench.load.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fresh, empty database for one server run, removed on close: an H2 data directory, or a PostgreSQL
 * database created and dropped with {@code psql} (user postgres, trust authentication, as on the
 * developers' machines and CI).
 */
public sealed interface ServerDatabase extends AutoCloseable {

    /** {@code h2} or {@code postgres}. */
    default String kind() {
        return this instanceof H2 ? "h2" : "postgres";
    }

    /** The GATEHOUSE_* variables that point the server at this database. */
    Map<String, String> environment();

    @Override
    void close();

    static ServerDatabase create(String kind, Path runDir, String label) {
        return switch (kind) {
            case "h2" -> H2.create(runDir.resolve("data-" + label));
            case "postgres" -> Postgres.create(label);
            default -> throw new IllegalArgumentException("unknown database '" + kind + "': h2 or postgres");
        };
    }

    /**
     * The database of {@code bench/users.sh generate}, used as it is and kept. Its tenant's signing keys are
     * removed first: the server makes them on first use, sealed with the master key of that run, and the
     * harness's master key is random per run (the generator makes none, so this is the generated state).
     */
    static Existing existing(Dataset dataset) {
        String url = dataset.databaseUrl();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(\\w+)").matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException("unexpected database URL in the dataset file: " + url);
        }
        Existing db = new Existing(m.group(1), Integer.parseInt(m.group(2)), dataset.databaseUser(), m.group(3));
        Postgres.psql(db.host, db.port, db.user, db.name,
                "delete from signing_key where tenant_id = '" + dataset.tenantId().replace("'", "") + "'");
        return db;
    }

    /** The server's settings for a PostgreSQL database on {@code host:port}. */
    private static Map<String, String> postgresEnvironment(String host, int port, String user, String name) {
        return Map.of("GATEHOUSE_DATABASE_URL", "jdbc:postgresql://" + host + ":" + port + "/" + name,
                "GATEHOUSE_DATABASE_USER", user);
    }

    public record Existing(String host, int port, String user, String name) implements ServerDatabase {
        @Override
        public Map<String, String> environment() {
            return postgresEnvironment(host, port, user, name);
        }

        @Override
        public void close() {
            // kept: it took minutes to generate
        }
    }

    public record H2(Path dataDir) implements ServerDatabase {
        static H2 create(Path dataDir) {
            ServerProcess.deleteRecursively(dataDir);
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new H2(dataDir);
        }

        @Override
        public Map<String, String> environment() {
            return Map.of("GATEHOUSE_DATA_DIR", dataDir.toAbsolutePath().toString());
        }

        @Override
        public void close() {
            ServerProcess.deleteRecursively(dataDir);
        }
    }

    public record Postgres(String host, int port, String user, String name, Thread dropOnExit) implements ServerDatabase {
        private static final AtomicInteger SEQUENCE = new AtomicInteger();

        static Postgres create(String label) {
            String host = System.getProperty("bench.pg.host", "127.0.0.1");
            int port = Integer.getInteger("bench.pg.port", 5432);
            String user = System.getProperty("bench.pg.user", "postgres");
            String name = ("gatehouse_bench_" + label + "_" + ProcessHandle.current().pid() + "_" + SEQUENCE.incrementAndGet())
                    .toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
            // A harness stopped by Ctrl-C or SIGTERM drops its database too (after its server is killed).
            Thread dropOnExit = new Thread(() -> {
                try {
                    new Postgres(host, port, user, name, null).close();
                } catch (RuntimeException e) {
                    // best effort while the JVM exits
                }
            }, "drop-" + name);
            Postgres db = new Postgres(host, port, user, name, dropOnExit);
            db.psql("create database " + name);
            Runtime.getRuntime().addShutdownHook(dropOnExit);
            return db;
        }

        @Override
        public Map<String, String> environment() {
            return postgresEnvironment(host, port, user, name);
        }

        @Override
        public void close() {
            psql("drop database if exists " + name + " with (force)");
            if (dropOnExit != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(dropOnExit);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs anyway and finds nothing to drop
                }
            }
        }

        private void psql(String sql) {
            psql(host, port, user, "postgres", sql);
        }

        static void psql(String host, int port, String user, String database, String sql) {
            List<String> command = List.of("psql", "-h", host, "-p", Integer.toString(port), "-U", user, "-d", database,
                    "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql);
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                p.getOutputStream().close();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("psql did not finish in 60 s: " + sql);
                }
                String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (p.exitValue() != 0) {
                    throw new IllegalStateException("psql failed (" + p.exitValue() + ") on '" + sql + "': " + output);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot run psql (is the PostgreSQL client installed?)", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
