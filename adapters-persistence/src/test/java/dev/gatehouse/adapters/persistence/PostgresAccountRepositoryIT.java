package dev.gatehouse.adapters.persistence;

import dev.gatehouse.application.contract.AccountRepositoryContract;
import dev.gatehouse.application.contract.PersistencePorts;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresAccountRepositoryIT extends AccountRepositoryContract {
    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.postgres();

    @Override
    protected PersistencePorts ports() {
        return DATABASE.ports();
    }
}
