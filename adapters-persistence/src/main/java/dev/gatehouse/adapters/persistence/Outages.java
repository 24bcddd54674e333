package dev.gatehouse.adapters.persistence;

import dev.gatehouse.domain.error.StorageUnavailable;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/**
 * Tells "the database cannot be reached" from every other SQL failure, and turns the first into
 * {@link StorageUnavailable}, which the HTTP adapter answers with 503 and {@code Retry-After}. An outage is: no
 * connection came free within the pool wait (HikariCP's {@link SQLTransientConnectionException}), SQLSTATE class
 * {@code 08} (connection refused, broken or lost), or PostgreSQL's {@code 57P01}-{@code 57P03} (the server is
 * shutting down, crashed, or not yet accepting connections). A unique violation, a syntax error or H2's "database in
 * use" are not outages and pass through unchanged.
 *
 * <p>As an {@link ExecuteListener} on every jOOQ context of a {@link Database} it translates the failures of single
 * statements, connection acquisition included; {@link JooqTransactionRunner} and {@link JooqStore} translate those of
 * beginning and committing units of work, which jOOQ raises outside any statement.
 */
final class Outages implements ExecuteListener {
    private static final int MAX_CAUSES = 20;

    static boolean isOutage(Throwable failure) {
        Throwable e = failure;
        for (int depth = 0; e != null && depth < MAX_CAUSES; depth++, e = e.getCause()) {
            if (e instanceof SQLTransientConnectionException) {
                return true;
            }
            if (e instanceof SQLException sql && isOutageState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    static boolean isOutageState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08")
                || sqlState.equals("57P01") || sqlState.equals("57P02") || sqlState.equals("57P03"));
    }

    /** {@code failure} itself, or a {@link StorageUnavailable} in its place when it is an outage. */
    static RuntimeException translate(RuntimeException failure) {
        return failure instanceof StorageUnavailable || !isOutage(failure) ? failure : new StorageUnavailable();
    }

    @Override
    public void exception(ExecuteContext ctx) {
        RuntimeException failure = ctx.exception();
        if (failure != null && isOutage(failure)) {
            ctx.exception(new StorageUnavailable());
        }
    }
}
