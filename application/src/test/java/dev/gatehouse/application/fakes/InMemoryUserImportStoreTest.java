package dev.gatehouse.application.fakes;

import dev.gatehouse.application.contract.PersistencePorts;
import dev.gatehouse.application.contract.UserImportStoreContract;
import dev.gatehouse.application.imports.port.out.UserImportStore;

class InMemoryUserImportStoreTest extends UserImportStoreContract {
    private PersistencePorts ports;

    @Override
    protected PersistencePorts ports() {
        ports = InMemoryPersistence.ports();
        return ports;
    }

    @Override
    protected UserImportStore imports() {
        return new InMemoryUserImportStore((InMemoryAccountRepository) ports.accounts(),
                (InMemoryUserRepository) ports.users());
    }
}
