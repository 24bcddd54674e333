package dev.gatehouse.application.fakes;

import dev.gatehouse.application.contract.AccountRepositoryContract;
import dev.gatehouse.application.contract.PersistencePorts;

class InMemoryAccountRepositoryTest extends AccountRepositoryContract {
    @Override
    protected PersistencePorts ports() {
        return InMemoryPersistence.ports();
    }
}
