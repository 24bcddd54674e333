package dev.gatehouse.bootstrap.e2e;

import dev.gatehouse.adapters.persistence.testing.PostgresTestDatabase;
import java.util.Map;

/** The databases the server runs on in these tests, as the environment that selects each. */
enum Database {
    /** The default: embedded H2 under the data dir. */
    H2 {
        @Override
        Map<String, String> serverEnvironment() {
            return Map.of();
        }
    },
    /** A fresh database on the local PostgreSQL (or the embedded fallback), user postgres, no password. */
    POSTGRESQL {
        @Override
        Map<String, String> serverEnvironment() {
            return Map.of(
                    "GATEHOUSE_DATABASE_URL", PostgresTestDatabase.createDatabase(),
                    "GATEHOUSE_DATABASE_USER", "postgres");
        }
    };

    /** Environment variables for {@link ServerProcess#start}; a new, empty database on each call. */
    abstract Map<String, String> serverEnvironment();
}
