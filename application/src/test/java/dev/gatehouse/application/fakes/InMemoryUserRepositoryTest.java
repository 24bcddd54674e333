package dev.gatehouse.application.fakes;

import dev.gatehouse.application.contract.UserRepositoryContract;
import dev.gatehouse.application.contract.PersistencePorts;

class InMemoryUserRepositoryTest extends UserRepositoryContract {
    @Override
    protected PersistencePorts ports() {
        return InMemoryPersistence.ports();
    }
}
