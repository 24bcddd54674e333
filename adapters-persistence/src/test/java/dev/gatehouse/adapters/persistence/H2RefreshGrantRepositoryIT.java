package dev.gatehouse.adapters.persistence;

import dev.gatehouse.application.contract.PersistencePorts;
import dev.gatehouse.application.contract.RefreshGrantRepositoryContract;
import dev.gatehouse.domain.user.User;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2RefreshGrantRepositoryIT extends RefreshGrantRepositoryContract {
    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.h2();

    @Override
    protected PersistencePorts ports() {
        return DATABASE.ports();
    }

    @Override
    protected void deleteUserPastThePorts(User user) {
        DATABASE.deleteUser(user.id());
    }
}
