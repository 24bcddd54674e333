package dev.gatehouse.application.fakes;

import dev.gatehouse.application.contract.EmailChangeStoreContract;
import dev.gatehouse.application.contract.PersistencePorts;
import dev.gatehouse.application.emailchange.port.out.EmailChangeStore;

class InMemoryEmailChangeStoreTest extends EmailChangeStoreContract {
    private final InMemoryEmailChangeStore store = new InMemoryEmailChangeStore();

    @Override
    protected PersistencePorts ports() {
        return InMemoryPersistence.ports(store);
    }

    @Override
    protected EmailChangeStore store() {
        return store;
    }
}
