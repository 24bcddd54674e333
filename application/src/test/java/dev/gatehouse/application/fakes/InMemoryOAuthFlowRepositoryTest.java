package dev.gatehouse.application.fakes;

import dev.gatehouse.application.contract.OAuthFlowRepositoryContract;
import dev.gatehouse.application.contract.PersistencePorts;
import dev.gatehouse.application.oauth.port.out.OAuthFlowRepository;

class InMemoryOAuthFlowRepositoryTest extends OAuthFlowRepositoryContract {
    private final InMemoryOAuthFlowRepository flows = new InMemoryOAuthFlowRepository();

    @Override
    protected PersistencePorts ports() {
        return InMemoryPersistence.ports(flows);
    }

    @Override
    protected OAuthFlowRepository flows() {
        return flows;
    }
}
