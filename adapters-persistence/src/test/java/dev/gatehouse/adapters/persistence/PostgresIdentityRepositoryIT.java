package dev.gatehouse.adapters.persistence;

import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresIdentityRepositoryIT extends JooqIdentityRepositoryTests {
    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.postgres();

    @Override
    DatabaseExtension database() {
        return DATABASE;
    }
}
