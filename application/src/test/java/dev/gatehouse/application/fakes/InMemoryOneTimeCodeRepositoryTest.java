package dev.gatehouse.application.fakes;

import dev.gatehouse.application.contract.OneTimeCodeRepositoryContract;
import dev.gatehouse.application.contract.PersistencePorts;

class InMemoryOneTimeCodeRepositoryTest extends OneTimeCodeRepositoryContract {
    @Override
    protected PersistencePorts ports() {
        return InMemoryPersistence.ports();
    }
}
