package dev.gatehouse.adapters.persistence;

import dev.gatehouse.application.contract.PersistencePorts;
import dev.gatehouse.application.contract.AuditLogContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2AuditLogIT extends AuditLogContract {
    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.h2();

    @Override
    protected PersistencePorts ports() {
        return DATABASE.ports();
    }
}
