package dev.gatehouse.adapters.persistence;

import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresInvitationRepositoryIT extends JooqInvitationRepositoryTests {
    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.postgres();

    @Override
    DatabaseExtension database() {
        return DATABASE;
    }
}
