package dev.gatehouse.adapters.persistence;

import dev.gatehouse.application.contract.PersistencePorts;
import dev.gatehouse.application.contract.SigningKeyStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresSigningKeyStoreIT extends SigningKeyStoreContract {
    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.postgres();

    @Override
    protected PersistencePorts ports() {
        return DATABASE.ports();
    }
}
