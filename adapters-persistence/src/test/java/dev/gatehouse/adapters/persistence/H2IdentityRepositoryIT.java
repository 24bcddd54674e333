package dev.gatehouse.adapters.persistence;

import org.junit.jupiter.api.extension.RegisterExtension;

class H2IdentityRepositoryIT extends JooqIdentityRepositoryTests {
    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.h2();

    @Override
    DatabaseExtension database() {
        return DATABASE;
    }
}
