package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.application.contract.PersistenceMother.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.contract.EmailChangeStoreContract;
import dev.gatehouse.application.contract.PersistencePorts;
import dev.gatehouse.application.emailchange.port.out.EmailChangeStore;
import dev.gatehouse.domain.emailchange.EmailChangeRevert;
import dev.gatehouse.domain.user.User;
import org.junit.jupiter.api.Test;

/** The email-change contract on a {@link Database}, and what only the database does: rows go with their user. */
abstract class JooqEmailChangeStoreTests extends EmailChangeStoreContract {

    abstract DatabaseExtension database();

    @Override
    protected PersistencePorts ports() {
        return database().ports();
    }

    @Override
    protected EmailChangeStore store() {
        return database().database().emailChanges();
    }

    @Test
    void deletingAUserDeletesItsPendingChangeAndReverts() {
        User doomed = newUser(tenant);
        EmailChangeRevert doomedsRevert = revert(doomed, T0);
        EmailChangeRevert adasRevert = revert(ada, T0);
        run(() -> {
            store().replacePending(pending(doomed, T0));
            store().replacePending(pending(ada, T0));
            store().insertRevert(doomedsRevert);
            store().insertRevert(adasRevert);
        });

        run(() -> assertThat(ports.users().delete(tenant.id(), doomed.id())).isTrue());

        assertThat(store().findPending(tenant.id(), doomed.id())).isEmpty();
        assertThat(store().findRevert(tenant.id(), doomedsRevert.tokenHash())).isEmpty();
        assertThat(store().findPending(tenant.id(), ada.id())).isPresent();
        assertThat(store().findRevert(tenant.id(), adasRevert.tokenHash())).contains(adasRevert);
    }
}
