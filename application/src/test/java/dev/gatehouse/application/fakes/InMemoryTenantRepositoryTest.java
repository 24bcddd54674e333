package dev.gatehouse.application.fakes;

import dev.gatehouse.application.contract.TenantRepositoryContract;
import dev.gatehouse.application.contract.PersistencePorts;

class InMemoryTenantRepositoryTest extends TenantRepositoryContract {
    @Override
    protected PersistencePorts ports() {
        return InMemoryPersistence.ports();
    }
}
