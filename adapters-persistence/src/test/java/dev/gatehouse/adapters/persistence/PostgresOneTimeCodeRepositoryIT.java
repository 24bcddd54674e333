package dev.gatehouse.adapters.persistence;

import dev.gatehouse.application.contract.OneTimeCodeRepositoryContract;
import dev.gatehouse.application.contract.PersistencePorts;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresOneTimeCodeRepositoryIT extends OneTimeCodeRepositoryContract {
    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.postgres();

    @Override
    protected PersistencePorts ports() {
        return DATABASE.ports();
    }
}
