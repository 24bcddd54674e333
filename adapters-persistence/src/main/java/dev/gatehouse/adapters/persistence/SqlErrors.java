package dev.gatehouse.adapters.persistence;

import java.sql.SQLException;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jooq.exception.DataAccessException;

/** Reads the failures that repositories turn into domain outcomes. */
final class SqlErrors {
    private static final String UNIQUE_VIOLATION = "23505"; // the same on PostgreSQL and H2
    /** How often an upsert is tried before its unique violation is passed on. */
    private static final int UPSERT_ATTEMPTS = 3;

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

    /**
     * Runs {@code write}; when it breaks {@code uniqueName} (any unique key when null), answers what
     * {@code taken} makes of the failure instead (throwing a domain error, or reading the row that won).
     */
    static <T> T unlessTaken(Supplier<T> write, String uniqueName,
                             Function<DataAccessException, ? extends T> taken) {
        try {
            return write.get();
        } catch (DataAccessException e) {
            if (uniqueName == null ? isUniqueViolation(e) : violates(e, uniqueName)) {
                return taken.apply(e);
            }
            throw e;
        }
    }

    /**
     * Runs an upsert ({@code insert ... on duplicate key update}) again when it broke a unique key: two first
     * upserts of a new key may both try to insert (H2's {@code merge}), and the loser's retry is an update.
     */
    static <T> T upsertRetrying(Supplier<T> upsert) {
        for (int attempt = 1; ; attempt++) {
            try {
                return upsert.get();
            } catch (DataAccessException e) {
                if (attempt >= UPSERT_ATTEMPTS || !isUniqueViolation(e)) {
                    throw e;
                }
            }
        }
    }
}
