package dev.gatehouse.adapters.persistence;

import dev.gatehouse.application.contract.PersistencePorts;
import dev.gatehouse.application.contract.SecretKeyRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresSecretKeyRepositoryIT extends SecretKeyRepositoryContract {
    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.postgres();

    @Override
    protected PersistencePorts ports() {
        return DATABASE.ports();
    }
}
