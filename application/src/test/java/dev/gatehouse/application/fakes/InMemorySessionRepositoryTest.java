package dev.gatehouse.application.fakes;

import dev.gatehouse.application.contract.PersistencePorts;
import dev.gatehouse.application.contract.SessionRepositoryContract;

class InMemorySessionRepositoryTest extends SessionRepositoryContract {
    @Override
    protected PersistencePorts ports() {
        return InMemoryPersistence.ports();
    }
}
