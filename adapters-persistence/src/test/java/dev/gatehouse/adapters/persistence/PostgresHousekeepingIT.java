package dev.gatehouse.adapters.persistence;

import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresHousekeepingIT extends HousekeepingStoreTests {
    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.postgres();

    @Override
    protected DatabaseExtension database() {
        return DATABASE;
    }
}
