package dev.gatehouse.adapters.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.util.DriverDataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jooq.SQLDialect;

/**
 * The connections of a {@link Database}: a HikariCP pool over the driver ({@link ReconnectingDataSource} between
 * them), with the waits of {@link PoolSettings}, and for PostgreSQL the driver's own timeouts
 * ({@link #POSTGRES_DRIVER_SETTINGS}); plus where migrations get their connections. ADR 0030.
 *
 * <p>While the pool's connection source finds the database unreachable, {@link #pooled()} refuses at once instead of
 * letting each request wait the full pool wait for a connection that is not coming: a request that needs the
 * database several times is then refused in milliseconds, not in several waits, and a cache that falls back on its
 * last value while the database is away (the tenant directory) answers without delay.
 */
final class ConnectionPool implements AutoCloseable {
    /**
     * Driver settings for PostgreSQL; a parameter of the same name in the URL wins. Opening a connection gives up after
     * 5 s (2 s for the TCP connection itself), so a database host that does not answer at all cannot hold the pool's
     * connection adder long. A statement whose answer has not come after 30 s fails ({@code socketTimeout}): without
     * it, a request on a connection to a host that vanished without closing it would wait until TCP gives up, many
     * minutes. 30 s stays well above the longest wait of a legitimate statement, a row lock held by a concurrent unit
     * of work (H2's LOCK_TIMEOUT is 10 s). TCP keepalive, probing after 2 s of silence
     * ({@link KeepAliveSocketFactory}), finds a vanished host within about 5 s, also under a statement that waits for
     * its answer.
     */
    static final Map<String, String> POSTGRES_DRIVER_SETTINGS = Map.of(
            "connectTimeout", "2", "loginTimeout", "5", "socketTimeout", "30", "tcpKeepAlive", "true",
            "socketFactory", KeepAliveSocketFactory.class.getName());
    /** Migrations run without it: building an index on a large table may take longer than any request statement. */
    private static final String STATEMENT_LIMIT = "socketTimeout";

    private final HikariDataSource pool;
    private final DataSource pooled;
    private final ReconnectingDataSource connections;
    private final DataSource forMigrations;

    private ConnectionPool(HikariDataSource pool, ReconnectingDataSource connections, DataSource forMigrations) {
        this.pool = pool;
        this.pooled = new FailFast(pool, connections);
        this.connections = connections;
        this.forMigrations = forMigrations;
    }

    /** Opens the pool; a database that cannot be reached now fails this at once (no retrying before start-up). */
    static ConnectionPool open(String jdbcUrl, String user, String password, SQLDialect dialect, PoolSettings settings) {
        Properties driverSettings = new Properties();
        if (dialect == SQLDialect.POSTGRES) {
            driverSettings.putAll(POSTGRES_DRIVER_SETTINGS);
        }
        ReconnectingDataSource connections = new ReconnectingDataSource(
                new DriverDataSource(jdbcUrl, null, driverSettings, user, password));
        HikariConfig config = new HikariConfig();
        config.setPoolName("gatehouse-db");
        config.setDataSource(connections);
        config.setConnectionTimeout(settings.connectionWait().toMillis());
        config.setValidationTimeout(settings.validationTimeout().toMillis());
        HikariDataSource pool = new HikariDataSource(config);
        connections.retryFromNowOn();
        DataSource forMigrations = pool;
        if (dialect == SQLDialect.POSTGRES) {
            Properties unlimited = new Properties();
            unlimited.putAll(driverSettings);
            unlimited.remove(STATEMENT_LIMIT);
            forMigrations = new DriverDataSource(jdbcUrl, null, unlimited, user, password);
        }
        return new ConnectionPool(pool, connections, forMigrations);
    }

    /** The dialect of a {@code jdbc:postgresql:} or {@code jdbc:h2:} URL; refuses any other, never echoing the URL. */
    static SQLDialect dialectOf(String jdbcUrl) {
        if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:")) {
            return SQLDialect.POSTGRES;
        }
        if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:h2:")) {
            if (!jdbcUrl.toUpperCase(Locale.ROOT).replace(" ", "").contains(";DATABASE_TO_LOWER=TRUE")) {
                throw new IllegalArgumentException("an H2 JDBC URL must set ;DATABASE_TO_LOWER=TRUE (the schema's names"
                        + " are lower-case); or use an embedded database in a data directory instead");
            }
            return SQLDialect.H2;
        }
        throw new IllegalArgumentException("unsupported JDBC URL starting '" + scheme(jdbcUrl) + "': Gatehouse stores its"
                + " data in PostgreSQL (jdbc:postgresql://host:port/database) or H2 (jdbc:h2:...)");
    }

    /** The URL's leading {@code jdbc:vendor:} only: the rest may carry credentials. */
    private static String scheme(String jdbcUrl) {
        if (jdbcUrl == null) {
            return "null";
        }
        int second = jdbcUrl.indexOf(':', jdbcUrl.indexOf(':') + 1);
        return second < 0 ? jdbcUrl.substring(0, Math.min(jdbcUrl.length(), 12)) : jdbcUrl.substring(0, second + 1);
    }

    /** The pool every statement of the server runs on. */
    DataSource pooled() {
        return pooled;
    }

    /** Connections for Flyway: the pool on H2; on PostgreSQL the driver without the statement limit. */
    DataSource forMigrations() {
        return forMigrations;
    }

    /** Reports the pool's state to {@code factory}'s tracker from now on (the metrics); once only. */
    void track(MetricsTrackerFactory factory) {
        pool.setMetricsTrackerFactory(factory);
    }

    @Override
    public void close() {
        connections.close();
        pool.close();
    }

    /** The pool, refusing at once while its connection source finds the database unreachable. */
    private record FailFast(HikariDataSource pool, ReconnectingDataSource connections) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            if (connections.unreachable()) {
                throw new SQLTransientConnectionException(pool.getPoolName()
                        + " - the database cannot be reached (the pool is reconnecting)", "08001");
            }
            return pool.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException("the pool's credentials are fixed");
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return pool.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            pool.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            pool.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return pool.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return pool.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            return pool.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return pool.isWrapperFor(type);
        }
    }
}
