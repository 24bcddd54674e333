package dev.gatehouse.adapters.persistence;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/**
 * Where the connection pool gets new connections: the JDBC driver, asked again every {@link #RETRY_INTERVAL} while
 * the database cannot be reached ({@link Outages#isOutage}), until it answers or the pool closes. HikariCP's own
 * connection adder waits between failed attempts, doubling the wait up to 5 seconds; after an outage of more than a
 * few seconds the pool would then find the database back only up to 5 seconds late. Retrying here, inside one
 * attempt, keeps HikariCP's wait at its shortest and brings the pool back within about {@link #RETRY_INTERVAL} of the
 * database. Requests never wait here: they wait for a pooled connection, at most the pool wait, and are answered 503.
 *
 * <p>Until {@link #retryFromNowOn()}, a failure is passed on at once, so that a database that is down when the server
 * starts stops the start with the driver's message. The outage is logged once when it starts (the driver's message,
 * no stack trace) and once when it ends, not at every attempt.
 */
final class ReconnectingDataSource implements DataSource {
    static final Duration RETRY_INTERVAL = Duration.ofMillis(200);
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(ReconnectingDataSource.class);

    private final DataSource driver;
    private final long retryMillis;
    private volatile boolean retrying;
    private volatile boolean closed;
    private volatile boolean unreachable;
    private volatile int loginTimeoutSeconds = 1;
    private long downSince; // guarded by this

    ReconnectingDataSource(DataSource driver) {
        this(driver, RETRY_INTERVAL);
    }

    ReconnectingDataSource(DataSource driver, Duration retryInterval) {
        this.driver = driver;
        this.retryMillis = retryInterval.toMillis();
    }

    /** From now on, connection failures that mean an outage are retried instead of passed on (after start-up). */
    void retryFromNowOn() {
        retrying = true;
    }

    /** The pool is closing: stop retrying, so that its connection adder ends. */
    void close() {
        closed = true;
    }

    /**
     * True from the moment a new connection failed for an outage until one succeeds (or fails for another reason: the
     * database then answers, and the pool's own waits apply). While true, the pool has no live connection to give and
     * is making none, so a request need not wait for one ({@link ConnectionPool}).
     */
    boolean unreachable() {
        return unreachable;
    }

    @Override
    public Connection getConnection() throws SQLException {
        while (true) {
            try {
                Connection connection = driver.getConnection();
                recovered();
                return connection;
            } catch (SQLException e) {
                if (!retrying || closed || !Outages.isOutage(e)) {
                    unreachable = false;
                    throw e;
                }
                down(e);
                try {
                    Thread.sleep(retryMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private synchronized void down(SQLException e) {
        unreachable = true;
        if (downSince == 0) {
            downSince = System.nanoTime();
            LOG.warn("cannot reach the database ({}: {}); the pool asks again every {} ms and requests that need it"
                    + " are answered 503 meanwhile", e.getSQLState(), e.getMessage(), retryMillis);
        }
    }

    private void recovered() {
        unreachable = false;
        if (downSince == 0) {
            return; // the usual case, without taking the lock
        }
        synchronized (this) {
            if (downSince != 0) {
                LOG.info("the database answers again, after {} ms", (System.nanoTime() - downSince) / 1_000_000);
                downSince = 0;
            }
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the credentials are the driver data source's");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return driver.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        driver.setLogWriter(out);
    }

    /**
     * Kept here, not passed on: the driver's own timeouts are its properties, and passing this on would set it
     * process-wide through DriverManager. The pool reads it back as how long to wait for its adder when it closes.
     */
    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return driver.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        return driver.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || driver.isWrapperFor(type);
    }
}
