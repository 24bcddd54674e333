package dev.gatehouse.application.fakes;

import dev.gatehouse.application.contract.OAuthProviderRepositoryContract;
import dev.gatehouse.application.contract.PersistencePorts;
import dev.gatehouse.application.oauth.port.out.OAuthProviderRepository;

class InMemoryOAuthProviderRepositoryTest extends OAuthProviderRepositoryContract {
    private final InMemoryOAuthProviderRepository providers = new InMemoryOAuthProviderRepository();

    @Override
    protected PersistencePorts ports() {
        return InMemoryPersistence.ports(providers);
    }

    @Override
    protected OAuthProviderRepository providers() {
        return providers;
    }
}
