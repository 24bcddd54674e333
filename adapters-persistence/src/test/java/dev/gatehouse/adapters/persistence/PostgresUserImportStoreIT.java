package dev.gatehouse.adapters.persistence;

import dev.gatehouse.application.contract.PersistencePorts;
import dev.gatehouse.application.contract.UserImportStoreContract;
import dev.gatehouse.application.imports.port.out.UserImportStore;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresUserImportStoreIT extends UserImportStoreContract {
    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.postgres();

    @Override
    protected PersistencePorts ports() {
        return DATABASE.ports();
    }

    @Override
    protected UserImportStore imports() {
        return DATABASE.database().userImports();
    }
}
