package dev.gatehouse.adapters.persistence;

import dev.gatehouse.application.contract.MfaChallengeRepositoryContract;
import dev.gatehouse.application.contract.PersistencePorts;
import dev.gatehouse.application.port.out.MfaChallengeRepository;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2MfaChallengeRepositoryIT extends MfaChallengeRepositoryContract {
    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.h2();

    @Override
    protected PersistencePorts ports() {
        return DATABASE.ports();
    }

    @Override
    protected MfaChallengeRepository challenges() {
        return DATABASE.database().mfaChallenges();
    }
}
