package dev.gatehouse.adapters.persistence;

import dev.gatehouse.application.contract.OneTimeCodeRepositoryContract;
import dev.gatehouse.application.contract.PersistencePorts;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2OneTimeCodeRepositoryIT extends OneTimeCodeRepositoryContract {
    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.h2();

    @Override
    protected PersistencePorts ports() {
        return DATABASE.ports();
    }
}
