package dev.gatehouse.adapters.persistence;

import org.junit.jupiter.api.extension.RegisterExtension;

class H2PersonalDataStoreIT extends PersonalDataStoreTests {
    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.h2();

    @Override
    protected DatabaseExtension database() {
        return DATABASE;
    }
}
