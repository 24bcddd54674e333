package dev.gatehouse.application.fakes;

import dev.gatehouse.application.contract.AuditLogContract;
import dev.gatehouse.application.contract.PersistencePorts;

class InMemoryAuditLogTest extends AuditLogContract {
    @Override
    protected PersistencePorts ports() {
        return InMemoryPersistence.ports();
    }
}
