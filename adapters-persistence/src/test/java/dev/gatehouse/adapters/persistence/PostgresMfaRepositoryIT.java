package dev.gatehouse.adapters.persistence;

import dev.gatehouse.application.contract.MfaRepositoryContract;
import dev.gatehouse.application.contract.PersistencePorts;
import dev.gatehouse.application.port.out.MfaRepository;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresMfaRepositoryIT extends MfaRepositoryContract {
    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.postgres();

    @Override
    protected PersistencePorts ports() {
        return DATABASE.ports();
    }

    @Override
    protected MfaRepository mfa() {
        return DATABASE.database().mfa();
    }
}
