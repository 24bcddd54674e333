package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.application.contract.PersistenceMother.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.contract.IdentityRepositoryContract;
import dev.gatehouse.application.contract.PersistencePorts;
import dev.gatehouse.application.oauth.port.out.IdentityRepository;
import dev.gatehouse.domain.oauth.Identity;
import dev.gatehouse.domain.user.User;
import org.junit.jupiter.api.Test;

/** The identity contract on a {@link Database}, and what only the database does: a user's identities go with it. */
abstract class JooqIdentityRepositoryTests extends IdentityRepositoryContract {

    abstract DatabaseExtension database();

    @Override
    protected PersistencePorts ports() {
        return database().ports();
    }

    @Override
    protected IdentityRepository identities() {
        return database().database().identities();
    }

    @Test
    void deletingAUserDeletesItsIdentitiesAndFreesTheProviderAccounts() {
        User doomed = newUser(tenant);
        Identity first = identity(doomed, ISSUER, subject(), T0);
        Identity second = identity(doomed, "https://github.com", subject(), T0.plusSeconds(1));
        Identity adas = identity(ada, ISSUER, subject(), T0);
        run(() -> {
            identities().insert(first);
            identities().insert(second);
            identities().insert(adas);
        });

        run(() -> ports.users().delete(tenant.id(), doomed.id()));

        assertThat(identities().ofUser(tenant.id(), doomed.id())).isEmpty();
        assertThat(identities().find(tenant.id(), ISSUER, first.subject())).isEmpty();
        assertThat(identities().find(tenant.id(), ISSUER, adas.subject())).contains(adas);
        assertThat(insert(identity(ada, ISSUER, first.subject(), T0))).as("free to link again").isTrue();
    }
}
