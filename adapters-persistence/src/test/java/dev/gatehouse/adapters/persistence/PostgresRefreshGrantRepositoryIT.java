package dev.gatehouse.adapters.persistence;

import dev.gatehouse.application.contract.PersistencePorts;
import dev.gatehouse.application.contract.RefreshGrantRepositoryContract;
import dev.gatehouse.domain.session.Session;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresRefreshGrantRepositoryIT extends RefreshGrantRepositoryContract {
    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.postgres();

    @Override
    protected PersistencePorts ports() {
        return DATABASE.ports();
    }

    @Override
    protected void deleteSessionPastThePorts(Session session) {
        DATABASE.deleteSession(session.id());
    }
}
