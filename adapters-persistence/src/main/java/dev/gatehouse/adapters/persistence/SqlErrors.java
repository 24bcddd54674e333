package dev.gatehouse.adapters.persistence;

import java.sql.SQLException;
import java.util.Locale;
import org.jooq.exception.DataAccessException;

/** Reads the failures that repositories turn into domain outcomes. */
final class SqlErrors {
    private static final String UNIQUE_VIOLATION = "23505"; // the same on PostgreSQL and H2

    private SqlErrors() {
    }

    /**
     * Whether the statement broke the named unique index or constraint. Both databases name it in the
     * message (PostgreSQL also in a structured field, H2 only in the message), so the message is what is read.
     */
    static boolean violates(DataAccessException e, String uniqueName) {
        SQLException cause = e.getCause(SQLException.class);
        return UNIQUE_VIOLATION.equals(e.sqlState()) && cause != null && cause.getMessage() != null
                && cause.getMessage().toLowerCase(Locale.ROOT).contains(uniqueName);
    }

    static boolean isUniqueViolation(DataAccessException e) {
        return UNIQUE_VIOLATION.equals(e.sqlState());
    }
}
