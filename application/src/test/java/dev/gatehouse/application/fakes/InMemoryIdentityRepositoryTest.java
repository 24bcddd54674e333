package dev.gatehouse.application.fakes;

import dev.gatehouse.application.contract.IdentityRepositoryContract;
import dev.gatehouse.application.contract.PersistencePorts;
import dev.gatehouse.application.oauth.port.out.IdentityRepository;

class InMemoryIdentityRepositoryTest extends IdentityRepositoryContract {
    private final InMemoryIdentityRepository identities = new InMemoryIdentityRepository();

    @Override
    protected PersistencePorts ports() {
        return InMemoryPersistence.ports(identities);
    }

    @Override
    protected IdentityRepository identities() {
        return identities;
    }
}
