package dev.gatehouse.application.fakes;

import dev.gatehouse.application.contract.SigningKeyStoreContract;
import dev.gatehouse.application.contract.PersistencePorts;

class InMemorySigningKeyStoreTest extends SigningKeyStoreContract {
    @Override
    protected PersistencePorts ports() {
        return InMemoryPersistence.ports();
    }
}
