package dev.gatehouse.adapters.persistence;

import dev.gatehouse.application.contract.PersistencePorts;
import dev.gatehouse.application.contract.UserRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresUserRepositoryIT extends UserRepositoryContract {
    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.postgres();

    @Override
    protected PersistencePorts ports() {
        return DATABASE.ports();
    }
}
