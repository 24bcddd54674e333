package dev.gatehouse.adapters.persistence;

import dev.gatehouse.application.contract.OAuthFlowRepositoryContract;
import dev.gatehouse.application.contract.PersistencePorts;
import dev.gatehouse.application.oauth.port.out.OAuthFlowRepository;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresOAuthFlowRepositoryIT extends OAuthFlowRepositoryContract {
    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.postgres();

    @Override
    protected PersistencePorts ports() {
        return DATABASE.ports();
    }

    @Override
    protected OAuthFlowRepository flows() {
        return DATABASE.database().oauthFlows();
    }
}
