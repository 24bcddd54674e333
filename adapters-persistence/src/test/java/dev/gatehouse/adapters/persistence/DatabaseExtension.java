package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.adapters.persistence.jooq.Tables.USER_SESSION;

import dev.gatehouse.adapters.persistence.testing.PostgresTestDatabase;
import dev.gatehouse.application.contract.PersistencePorts;
import dev.gatehouse.domain.session.SessionId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A migrated database for one test class: an embedded H2 in a fresh temporary directory, or a brand-new
 * PostgreSQL database. Register it as a static field with {@code @RegisterExtension}.
 */
final class DatabaseExtension implements BeforeAllCallback, AfterAllCallback {
    private final boolean postgres;
    private Path dataDir;
    private Database database;

    private DatabaseExtension(boolean postgres) {
        this.postgres = postgres;
    }

    static DatabaseExtension h2() {
        return new DatabaseExtension(false);
    }

    static DatabaseExtension postgres() {
        return new DatabaseExtension(true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        if (postgres) {
            database = Database.open(PostgresTestDatabase.createDatabase(), "postgres", null);
        } else {
            dataDir = Files.createTempDirectory("gatehouse-h2-");
            database = Database.embedded(dataDir);
        }
        database.migrate();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (database != null) {
            database.close();
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(DatabaseExtension::delete);
            }
        }
    }

    Database database() {
        return database;
    }

    PersistencePorts ports() {
        return new PersistencePorts(database.tenants(), database.accounts(), database.users(), database.sessions(),
                database.refreshGrants(), database.signingKeys(), database.secretKeys(), database.transactions(),
                database.auditLog(), database.auditTrail(), database.oneTimeCodes());
    }

    /** Deletes a session row, which no port does: for contracts that check what goes with it. */
    void deleteSession(SessionId id) {
        database.dsl().deleteFrom(USER_SESSION).where(USER_SESSION.ID.eq(id.value())).execute();
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
