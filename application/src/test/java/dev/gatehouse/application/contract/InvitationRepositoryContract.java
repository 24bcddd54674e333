package dev.gatehouse.application.contract;

import static dev.gatehouse.application.contract.PersistenceMother.T0;
import static dev.gatehouse.application.contract.PersistenceMother.account;
import static dev.gatehouse.application.contract.PersistenceMother.tenant;
import static dev.gatehouse.application.contract.PersistenceMother.tokenHash;
import static dev.gatehouse.application.contract.PersistenceMother.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.invitations.port.out.InvitationRepository;
import dev.gatehouse.application.invitations.port.out.InvitationRepository.Position;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.domain.account.Account;
import dev.gatehouse.domain.invitation.Invitation;
import dev.gatehouse.domain.invitation.InvitationId;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link InvitationRepository} must do; extended once per implementation. */
public abstract class InvitationRepositoryContract {
    private static final int RACERS = 12;

    protected PersistencePorts ports;
    private InvitationRepository invitations;
    private TransactionRunner transactions;
    protected Tenant tenant;
    protected Tenant otherTenant;
    protected Account account;
    private Account otherAccount;
    protected Account foreignAccount;

    /** The stores under test, sharing one unit of work with {@link #invitations()}; called once before each test. */
    protected abstract PersistencePorts ports();

    /** The implementation under test, on the same store as {@link #ports()}; called after it. */
    protected abstract InvitationRepository invitations();

    @BeforeEach
    void setUpTenantsAndAccounts() {
        ports = ports();
        invitations = invitations();
        transactions = ports.transactions();
        tenant = tenant();
        otherTenant = tenant();
        account = account(tenant);
        otherAccount = account(tenant);
        foreignAccount = account(otherTenant);
        run(() -> {
            ports.tenants().insert(tenant);
            ports.tenants().insert(otherTenant);
            ports.accounts().insert(account);
            ports.accounts().insert(otherAccount);
            ports.accounts().insert(foreignAccount);
        });
    }

    @Test
    void readsBackAnInvitationWithEveryFieldByIdTokenHashAndAddress() {
        Invitation byUser = invitation(account, uniqueEmail(), Role.ACCOUNT_ADMIN, Optional.of(new UserId(UUID.randomUUID())), T0);
        Invitation byRoot = invitation(account, uniqueEmail(), Role.USER, Optional.empty(), T0.plusSeconds(1));
        run(() -> {
            invitations.insert(byUser);
            invitations.insert(byRoot);
        });

        for (Invitation stored : List.of(byUser, byRoot)) {
            assertThat(invitations.findById(tenant.id(), stored.id())).contains(stored);
            assertThat(invitations.findByTokenHash(tenant.id(), stored.tokenHash())).contains(stored);
            assertThat(invitations.findByAddress(tenant.id(), account.id(), stored.email())).contains(stored);
        }
        assertThat(invitations.findByAddress(tenant.id(), otherAccount.id(), byUser.email())).isEmpty();
        assertThat(invitations.findByTokenHash(tenant.id(), tokenHash())).isEmpty();
    }

    @Test
    void neverFindsTakesOrDeletesAnInvitationThroughAnotherTenant() {
        Invitation stored = invitation(account, uniqueEmail(), Role.USER, Optional.empty(), T0);
        run(() -> invitations.insert(stored));

        assertThat(invitations.findById(otherTenant.id(), stored.id())).isEmpty();
        assertThat(invitations.findByTokenHash(otherTenant.id(), stored.tokenHash())).isEmpty();
        assertThat(invitations.findByAddress(otherTenant.id(), account.id(), stored.email())).isEmpty();
        assertThat(invitations.findPending(otherTenant.id(), account.id(), T0, Optional.empty(), 100)).isEmpty();
        assertThat(inTransaction(() -> invitations.take(otherTenant.id(), stored.id(), stored.tokenHash()))).isEmpty();
        assertThat(inTransaction(() -> invitations.delete(otherTenant.id(), stored.id()))).isFalse();
        assertThat(inTransaction(() -> invitations.deleteAllOfAccount(otherTenant.id(), account.id()))).isZero();
        assertThat(inTransaction(() -> invitations.replace(withTenant(stored, otherTenant)))).isFalse();
        assertThat(invitations.findById(tenant.id(), stored.id())).contains(stored);
    }

    @Test
    void holdsOneInvitationPerAccountAndAddressAndPerTokenHash() {
        EmailAddress email = uniqueEmail();
        Invitation first = invitation(account, email, Role.USER, Optional.empty(), T0);
        run(() -> invitations.insert(first));

        assertThatThrownBy(() -> run(() -> invitations.insert(invitation(account, email, Role.ACCOUNT_ADMIN,
                Optional.empty(), T0.plusSeconds(5))))).isInstanceOf(RuntimeException.class);
        Invitation sameHash = new Invitation(new InvitationId(UUID.randomUUID()), tenant.id(), otherAccount.id(),
                uniqueEmail(), Role.USER, first.tokenHash(), Optional.empty(), T0, T0.plus(Invitation.LIFETIME));
        assertThatThrownBy(() -> run(() -> invitations.insert(sameHash))).isInstanceOf(RuntimeException.class);
        Invitation elsewhere = invitation(otherAccount, email, Role.USER, Optional.empty(), T0);
        run(() -> invitations.insert(elsewhere));

        assertThat(invitations.findByAddress(tenant.id(), account.id(), email)).contains(first);
        assertThat(invitations.findByAddress(tenant.id(), otherAccount.id(), email)).contains(elsewhere);
    }

    @Test
    void replacingGivesANewTokenRoleInviterAndExpiryAndKeepsTheIdAndCreation() {
        Invitation first = invitation(account, uniqueEmail(), Role.USER, Optional.empty(), T0);
        run(() -> invitations.insert(first));
        UserId inviter = new UserId(UUID.randomUUID());
        Invitation resent = first.resent(tokenHash(), Role.ACCOUNT_ADMIN, Optional.of(inviter), T0.plus(Duration.ofDays(2)));

        assertThat(inTransaction(() -> invitations.replace(resent))).isTrue();

        assertThat(invitations.findById(tenant.id(), first.id())).contains(resent);
        assertThat(resent.created()).isEqualTo(first.created());
        assertThat(invitations.findByTokenHash(tenant.id(), first.tokenHash())).as("the old link").isEmpty();
        assertThat(invitations.findByTokenHash(tenant.id(), resent.tokenHash())).contains(resent);
        Invitation gone = invitation(account, uniqueEmail(), Role.USER, Optional.empty(), T0);
        assertThat(inTransaction(() -> invitations.replace(gone))).as("no such invitation").isFalse();
    }

    @Test
    void listsTheAccountsPendingInvitationsInCreationOrderPageByPage() {
        Instant now = T0.plus(Duration.ofDays(10));
        List<Invitation> pending = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            pending.add(invitation(account, uniqueEmail(), Role.USER, Optional.empty(), now.minus(Duration.ofDays(6))
                    .plusSeconds(i % 2 == 0 ? i : 100 - i)));
        }
        Invitation sameInstant = invitation(account, uniqueEmail(), Role.USER, Optional.empty(), pending.get(0).created());
        Invitation expired = invitation(account, uniqueEmail(), Role.USER, Optional.empty(), now.minus(Invitation.LIFETIME));
        Invitation elsewhere = invitation(otherAccount, uniqueEmail(), Role.USER, Optional.empty(), now.minusSeconds(5));
        run(() -> {
            pending.forEach(invitations::insert);
            List.of(sameInstant, expired, elsewhere).forEach(invitations::insert);
        });
        pending.add(sameInstant);
        List<Invitation> expected = pending.stream().sorted(java.util.Comparator.comparing(Invitation::created)
                .thenComparing(i -> i.id().value().toString())).toList();

        List<Invitation> first = invitations.findPending(tenant.id(), account.id(), now, Optional.empty(), 4);
        Invitation last = first.get(first.size() - 1);
        List<Invitation> second = invitations.findPending(tenant.id(), account.id(), now,
                Optional.of(new Position(last.created(), last.id())), 4);

        assertThat(first).containsExactlyElementsOf(expected.subList(0, 4));
        assertThat(second).containsExactlyElementsOf(expected.subList(4, 6));
        assertThat(invitations.findPending(tenant.id(), account.id(), now.minus(Duration.ofDays(3)), Optional.empty(), 100))
                .as("earlier, the expired one was pending too").contains(expired);
    }

    @Test
    void takesAnInvitationOnlyWithItsCurrentTokenHashAndOnlyOnce() {
        Invitation stored = invitation(account, uniqueEmail(), Role.USER, Optional.empty(), T0);
        Invitation expired = invitation(account, uniqueEmail(), Role.USER, Optional.empty(), T0.minus(Duration.ofDays(30)));
        run(() -> {
            invitations.insert(stored);
            invitations.insert(expired);
        });

        assertThat(inTransaction(() -> invitations.take(tenant.id(), stored.id(), tokenHash()))).as("another hash").isEmpty();
        assertThat(inTransaction(() -> invitations.take(tenant.id(), stored.id(), stored.tokenHash()))).contains(stored);
        assertThat(inTransaction(() -> invitations.take(tenant.id(), stored.id(), stored.tokenHash()))).isEmpty();
        assertThat(invitations.findById(tenant.id(), stored.id())).isEmpty();
        assertThat(inTransaction(() -> invitations.take(tenant.id(), expired.id(), expired.tokenHash())))
                .as("the caller checks expiry").contains(expired);
    }

    @Test
    void ofConcurrentTakesOfOneInvitationExactlyOneGetsIt() throws InterruptedException {
        Invitation stored = invitation(account, uniqueEmail(), Role.USER, Optional.empty(), T0);
        run(() -> invitations.insert(stored));

        List<Optional<Invitation>> taken = Race.run(RACERS, i -> () -> transactions.inTransaction(
                () -> invitations.take(tenant.id(), stored.id(), stored.tokenHash())));

        assertThat(taken).filteredOn(Optional::isPresent).containsExactly(Optional.of(stored));
    }

    @Test
    void deletesOneInvitationAllOfAnAccountOrAllSentByAUser() {
        UserId inviter = new UserId(UUID.randomUUID());
        Invitation revoked = invitation(account, uniqueEmail(), Role.USER, Optional.empty(), T0);
        Invitation ofAccount = invitation(account, uniqueEmail(), Role.USER, Optional.of(inviter), T0);
        Invitation byInviter = invitation(otherAccount, uniqueEmail(), Role.USER, Optional.of(inviter), T0);
        Invitation byOther = invitation(otherAccount, uniqueEmail(), Role.USER, Optional.of(new UserId(UUID.randomUUID())), T0);
        Invitation foreign = invitation(foreignAccount, uniqueEmail(), Role.USER, Optional.of(inviter), T0);
        run(() -> List.of(revoked, ofAccount, byInviter, byOther, foreign).forEach(invitations::insert));

        assertThat(inTransaction(() -> invitations.delete(tenant.id(), revoked.id()))).isTrue();
        assertThat(inTransaction(() -> invitations.delete(tenant.id(), revoked.id()))).isFalse();
        assertThat(inTransaction(() -> invitations.deleteAllInvitedBy(tenant.id(), inviter))).isEqualTo(2);
        assertThat(invitations.findById(tenant.id(), byOther.id())).contains(byOther);
        assertThat(invitations.findById(otherTenant.id(), foreign.id())).as("another tenant's").contains(foreign);
        assertThat(inTransaction(() -> invitations.deleteAllOfAccount(tenant.id(), otherAccount.id()))).isEqualTo(1);
        assertThat(invitations.findById(tenant.id(), byOther.id())).isEmpty();
    }

    @Test
    void deletesEveryInvitationToAnAddressInEveryAccountOfTheTenantOnly() {
        EmailAddress email = uniqueEmail();
        Invitation here = invitation(account, email, Role.USER, Optional.empty(), T0);
        Invitation there = invitation(otherAccount, email, Role.ACCOUNT_ADMIN, Optional.empty(), T0);
        Invitation foreign = invitation(foreignAccount, email, Role.USER, Optional.empty(), T0);
        Invitation someoneElse = invitation(account, uniqueEmail(), Role.USER, Optional.empty(), T0);
        run(() -> List.of(here, there, foreign, someoneElse).forEach(invitations::insert));

        assertThat(inTransaction(() -> invitations.deleteAllTo(tenant.id(), email))).isEqualTo(2);

        assertThat(invitations.findById(tenant.id(), here.id())).isEmpty();
        assertThat(invitations.findById(tenant.id(), there.id())).isEmpty();
        assertThat(invitations.findById(otherTenant.id(), foreign.id())).contains(foreign);
        assertThat(invitations.findById(tenant.id(), someoneElse.id())).contains(someoneElse);
    }

    @Test
    void aUnitOfWorkThatFailsLeavesNoInvitationAndSpendsNone() {
        Invitation kept = invitation(account, uniqueEmail(), Role.USER, Optional.empty(), T0);
        run(() -> invitations.insert(kept));
        Invitation added = invitation(account, uniqueEmail(), Role.USER, Optional.empty(), T0);

        assertThatThrownBy(() -> run(() -> {
            invitations.insert(added);
            invitations.take(tenant.id(), kept.id(), kept.tokenHash());
            throw new IllegalStateException("the use case failed after writing");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(invitations.findById(tenant.id(), added.id())).isEmpty();
        assertThat(invitations.findById(tenant.id(), kept.id())).contains(kept);
    }

    protected static Invitation invitation(Account account, EmailAddress email, Role role, Optional<UserId> by,
                                         Instant created) {
        return Invitation.issue(new InvitationId(UUID.randomUUID()), account.tenantId(), account.id(), email, role,
                tokenHash(), by, created);
    }

    private static Invitation withTenant(Invitation i, Tenant other) {
        return new Invitation(i.id(), other.id(), i.accountId(), i.email(), Role.ACCOUNT_ADMIN, tokenHash(),
                i.invitedBy(), i.created(), i.expiresAt().plusSeconds(1));
    }

    protected void run(Runnable work) {
        transactions.inTransaction(() -> {
            work.run();
            return null;
        });
    }

    private <T> T inTransaction(Supplier<T> work) {
        return transactions.inTransaction(work);
    }
}
