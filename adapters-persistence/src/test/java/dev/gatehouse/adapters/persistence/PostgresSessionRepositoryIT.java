package dev.gatehouse.adapters.persistence;

import dev.gatehouse.application.contract.PersistencePorts;
import dev.gatehouse.application.contract.SessionRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresSessionRepositoryIT extends SessionRepositoryContract {
    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.postgres();

    @Override
    protected PersistencePorts ports() {
        return DATABASE.ports();
    }

    /** The feed's cursor waits for the oldest transaction open on the server, which other test classes share. */
    @Override
    protected boolean mayRedeliverWhileOtherTransactionsAreOpen() {
        return true;
    }
}
