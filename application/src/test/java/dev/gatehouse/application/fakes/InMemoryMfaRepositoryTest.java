package dev.gatehouse.application.fakes;

import dev.gatehouse.application.contract.MfaRepositoryContract;
import dev.gatehouse.application.contract.PersistencePorts;
import dev.gatehouse.application.port.out.MfaRepository;

class InMemoryMfaRepositoryTest extends MfaRepositoryContract {
    private final InMemoryMfaRepository mfa = new InMemoryMfaRepository();

    @Override
    protected PersistencePorts ports() {
        return InMemoryPersistence.ports(mfa);
    }

    @Override
    protected MfaRepository mfa() {
        return mfa;
    }
}
