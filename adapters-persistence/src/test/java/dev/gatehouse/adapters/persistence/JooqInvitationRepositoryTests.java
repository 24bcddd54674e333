package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.application.contract.PersistenceMother.T0;
import static dev.gatehouse.application.contract.PersistenceMother.tokenHash;
import static dev.gatehouse.application.contract.PersistenceMother.uniqueEmail;
import static dev.gatehouse.application.contract.PersistenceMother.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.contract.InvitationRepositoryContract;
import dev.gatehouse.application.contract.PersistencePorts;
import dev.gatehouse.application.invitations.port.out.InvitationRepository;
import dev.gatehouse.domain.account.Account;
import dev.gatehouse.domain.invitation.Invitation;
import dev.gatehouse.domain.invitation.InvitationId;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.user.User;
import java.util.Optional;
import java.util.UUID;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

/**
 * The invitation contract on a {@link Database}, and what only V19's keys do (the in-memory fakes follow no
 * references): an invitation names an account of its own tenant, deleting its inviter never fails on it, and deleting
 * its account deletes it.
 */
abstract class JooqInvitationRepositoryTests extends InvitationRepositoryContract {

    abstract DatabaseExtension database();

    @Override
    protected PersistencePorts ports() {
        return database().ports();
    }

    @Override
    protected InvitationRepository invitations() {
        return database().database().invitations();
    }

    @Test
    void deletingTheInvitingUserLeavesTheInvitationAndDeletingTheAccountDeletesIt() {
        Account doomed = dev.gatehouse.application.contract.PersistenceMother.account(tenant);
        User inviter = user(doomed, uniqueEmail());
        run(() -> {
            ports.accounts().insert(doomed);
            ports.users().insert(inviter);
        });
        Invitation sent = invitation(doomed, uniqueEmail(), Role.USER, Optional.of(inviter.id()), T0);
        run(() -> invitations().insert(sent));

        run(() -> ports.users().delete(tenant.id(), inviter.id()));
        assertThat(invitations().findById(tenant.id(), sent.id())).as("no reference to the inviter").contains(sent);

        run(() -> ports.accounts().delete(tenant.id(), doomed.id()));
        assertThat(invitations().findById(tenant.id(), sent.id())).as("went with its account").isEmpty();
        assertThat(ports.accounts().findById(tenant.id(), doomed.id())).isEmpty();
    }

    @Test
    void anAccountWithUsersIsNotDeletedAndAnInvitationNamesAnAccountOfItsOwnTenantOnly() {
        User member = user(account, uniqueEmail());
        run(() -> ports.users().insert(member));

        assertThatThrownBy(() -> run(() -> ports.accounts().delete(tenant.id(), account.id())))
                .isInstanceOf(DataAccessException.class);
        assertThat(ports.accounts().findById(tenant.id(), account.id())).isPresent();
        Invitation crossTenant = new Invitation(new InvitationId(UUID.randomUUID()), tenant.id(), foreignAccount.id(),
                uniqueEmail(), Role.USER, tokenHash(),
                Optional.empty(), T0, T0.plus(Invitation.LIFETIME));
        assertThatThrownBy(() -> run(() -> invitations().insert(crossTenant))).isInstanceOf(DataAccessException.class);
    }
}
