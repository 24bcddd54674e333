package dev.gatehouse.application.fakes;

import dev.gatehouse.application.support.port.out.PersonalDataStore;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.UserId;

/**
 * The erasure over a {@link FakeWorld}'s fakes. Like the database, deleting the user takes their identities, second
 * factors, MFA challenges and email changes with them (the cascade is done here). Refresh grants and the sessions' client details
 * are not modelled by the fakes; the database contract (PersonalDataStoreTests) covers them.
 */
public record InMemoryPersonalDataStore(FakeWorld world) implements PersonalDataStore {
    @Override
    public Erased eraseUser(TenantId tenant, UserId user, EmailAddress email) {
        world.identities.ofUser(tenant, user).forEach(identity -> world.identities.delete(tenant, user, identity.id()));
        world.mfa.deleteFactors(tenant, user);
        world.mfaChallenges.deleteForUser(tenant, user);
        world.emailChanges.deleteAllOfUser(tenant, user);
        world.emailChanges.deletePendingTo(tenant, email);
        int codes = world.oneTimeCodes.removeAllFor(tenant, email);
        int invitations = world.invitations.deleteAllInvitedBy(tenant, user) + world.invitations.deleteAllTo(tenant, email);
        int mails = world.mailOutbox.removeAllTo(tenant, email.value());
        return new Erased(0, codes, invitations, mails, world.audit.redact(tenant, email.value()));
    }

    @Override
    public boolean deleteAccountIfEmpty(TenantId tenant, AccountId account) {
        boolean empty = world.users.findOldestInAccount(tenant, account).isEmpty();
        return empty && world.accounts.delete(tenant, account);
    }
}
