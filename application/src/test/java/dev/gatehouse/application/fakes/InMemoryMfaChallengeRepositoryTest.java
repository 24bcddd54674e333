package dev.gatehouse.application.fakes;

import dev.gatehouse.application.contract.MfaChallengeRepositoryContract;
import dev.gatehouse.application.contract.PersistencePorts;
import dev.gatehouse.application.port.out.MfaChallengeRepository;

class InMemoryMfaChallengeRepositoryTest extends MfaChallengeRepositoryContract {
    private final InMemoryMfaChallengeRepository challenges = new InMemoryMfaChallengeRepository();

    @Override
    protected PersistencePorts ports() {
        return InMemoryPersistence.ports(challenges);
    }

    @Override
    protected MfaChallengeRepository challenges() {
        return challenges;
    }
}
