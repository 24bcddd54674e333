package dev.gatehouse.application.fakes;

import dev.gatehouse.application.contract.PersistencePorts;
import dev.gatehouse.application.contract.SecretKeyRepositoryContract;

class InMemorySecretKeyRepositoryTest extends SecretKeyRepositoryContract {
    @Override
    protected PersistencePorts ports() {
        return InMemoryPersistence.ports();
    }
}
