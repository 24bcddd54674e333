package dev.gatehouse.adapters.persistence;

import dev.gatehouse.application.contract.MfaRepositoryContract;
import dev.gatehouse.application.contract.PersistencePorts;
import dev.gatehouse.application.port.out.MfaRepository;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2MfaRepositoryIT extends MfaRepositoryContract {
    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.h2();

    @Override
    protected PersistencePorts ports() {
        return DATABASE.ports();
    }

    @Override
    protected MfaRepository mfa() {
        return DATABASE.database().mfa();
    }
}
