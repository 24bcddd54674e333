package dev.gatehouse.application.fakes;

import dev.gatehouse.application.contract.PersistencePorts;
import dev.gatehouse.application.contract.RefreshGrantRepositoryContract;

class InMemoryRefreshGrantRepositoryTest extends RefreshGrantRepositoryContract {
    @Override
    protected PersistencePorts ports() {
        return InMemoryPersistence.ports();
    }
}
