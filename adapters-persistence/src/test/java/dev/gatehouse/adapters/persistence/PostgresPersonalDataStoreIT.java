package dev.gatehouse.adapters.persistence;

import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresPersonalDataStoreIT extends PersonalDataStoreTests {
    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.postgres();

    @Override
    protected DatabaseExtension database() {
        return DATABASE;
    }
}
