package dev.gatehouse.application.contract;

import static dev.gatehouse.application.contract.PersistenceMother.T0;
import static dev.gatehouse.application.contract.PersistenceMother.account;
import static dev.gatehouse.application.contract.PersistenceMother.tenant;
import static dev.gatehouse.application.contract.PersistenceMother.uniqueEmail;
import static dev.gatehouse.application.contract.PersistenceMother.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.oauth.port.out.IdentityRepository;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.domain.account.Account;
import dev.gatehouse.domain.oauth.Identity;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.User;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link IdentityRepository} must do; extended once per implementation. Subjects are random, so tests
 * sharing a store never see each other's identities.
 */
public abstract class IdentityRepositoryContract {
    private static final int RACERS = 12;
    protected static final String ISSUER = "https://accounts.google.com";
    private static final String OTHER_ISSUER = "https://login.example.com/realms/staff";

    protected PersistencePorts ports;
    private IdentityRepository identities;
    private TransactionRunner transactions;
    protected Tenant tenant;
    private Tenant otherTenant;
    protected User ada;
    private User bob;

    /** The stores under test, sharing one unit of work with {@link #identities()}; called once before each test. */
    protected abstract PersistencePorts ports();

    /** The implementation under test, on the same store as {@link #ports()}; called after it. */
    protected abstract IdentityRepository identities();

    @BeforeEach
    void setUpTwoUsersOfATenantAndAnotherTenant() {
        ports = ports();
        identities = identities();
        transactions = ports.transactions();
        tenant = tenant();
        otherTenant = tenant();
        run(() -> {
            ports.tenants().insert(tenant);
            ports.tenants().insert(otherTenant);
        });
        ada = newUser(tenant);
        bob = newUser(tenant);
    }

    @Test
    void readsBackAnIdentityWithEveryFieldAndOneWithoutEmail() {
        Identity withEmail = identity(ada, ISSUER, subject(), T0);
        Identity withoutEmail = new Identity(UUID.randomUUID(), tenant.id(), ada.id(), "github", "https://github.com",
                "583231", null, T0.plusSeconds(1));
        assertThat(insert(withEmail)).isTrue();
        assertThat(insert(withoutEmail)).isTrue();

        assertThat(identities.find(tenant.id(), ISSUER, withEmail.subject())).contains(withEmail);
        assertThat(identities.find(tenant.id(), "https://github.com", "583231")).contains(withoutEmail);
    }

    @Test
    void findsAnIdentityOnlyByItsTenantIssuerAndSubject() {
        Identity linked = identity(ada, ISSUER, subject(), T0);
        insert(linked);

        assertThat(identities.find(otherTenant.id(), ISSUER, linked.subject())).isEmpty();
        assertThat(identities.find(tenant.id(), OTHER_ISSUER, linked.subject())).isEmpty();
        assertThat(identities.find(tenant.id(), ISSUER, subject())).isEmpty();
        assertThat(identities.ofUser(otherTenant.id(), ada.id())).isEmpty();
    }

    @Test
    void refusesToLinkAProviderAccountTwiceInATenantToAnybody() {
        Identity first = identity(ada, ISSUER, subject(), T0);
        insert(first);
        Identity again = identity(ada, ISSUER, first.subject(), T0.plusSeconds(1));
        Identity toBob = identity(bob, ISSUER, first.subject(), T0.plusSeconds(2));

        assertThat(insert(again)).isFalse();
        assertThat(insert(toBob)).isFalse();

        assertThat(identities.find(tenant.id(), ISSUER, first.subject())).contains(first);
        assertThat(identities.ofUser(tenant.id(), ada.id())).containsExactly(first);
        assertThat(identities.ofUser(tenant.id(), bob.id())).isEmpty();
    }

    @Test
    void linksTheSameSubjectInAnotherTenantAndAtAnotherIssuer() {
        User stranger = newUser(otherTenant);
        String subject = subject();
        Identity first = identity(ada, ISSUER, subject, T0);
        Identity otherTenants = identity(stranger, ISSUER, subject, T0);
        Identity otherIssuers = identity(bob, OTHER_ISSUER, subject, T0);

        assertThat(insert(first)).isTrue();
        assertThat(insert(otherTenants)).isTrue();
        assertThat(insert(otherIssuers)).isTrue();

        assertThat(identities.find(tenant.id(), ISSUER, subject)).contains(first);
        assertThat(identities.find(otherTenant.id(), ISSUER, subject)).contains(otherTenants);
        assertThat(identities.find(tenant.id(), OTHER_ISSUER, subject)).contains(otherIssuers);
    }

    @Test
    void listsAUsersIdentitiesOldestFirstAndNobodyElses() {
        Identity newest = identity(ada, OTHER_ISSUER, subject(), T0.plusSeconds(20));
        Identity oldest = identity(ada, ISSUER, subject(), T0);
        Identity middle = identity(ada, "https://github.com", subject(), T0.plusSeconds(10));
        Identity bobs = identity(bob, ISSUER, subject(), T0.plusSeconds(5));
        run(() -> List.of(newest, oldest, bobs, middle).forEach(identities::insert));

        assertThat(identities.ofUser(tenant.id(), ada.id())).containsExactly(oldest, middle, newest);
        assertThat(identities.ofUser(tenant.id(), bob.id())).containsExactly(bobs);
    }

    @Test
    void deleteAnswersWhetherThatUserHadThatIdentity() {
        Identity adas = identity(ada, ISSUER, subject(), T0);
        Identity bobs = identity(bob, ISSUER, subject(), T0);
        run(() -> {
            identities.insert(adas);
            identities.insert(bobs);
        });

        assertThat(inTransaction(() -> identities.delete(tenant.id(), bob.id(), adas.id()))).as("another user's").isFalse();
        assertThat(inTransaction(() -> identities.delete(otherTenant.id(), ada.id(), adas.id()))).as("another tenant")
                .isFalse();
        assertThat(inTransaction(() -> identities.delete(tenant.id(), ada.id(), adas.id()))).isTrue();
        assertThat(inTransaction(() -> identities.delete(tenant.id(), ada.id(), adas.id()))).isFalse();

        assertThat(identities.find(tenant.id(), ISSUER, adas.subject())).isEmpty();
        assertThat(identities.ofUser(tenant.id(), bob.id())).containsExactly(bobs);
        Identity relinked = identity(bob, ISSUER, adas.subject(), T0.plusSeconds(1));
        assertThat(insert(relinked)).as("an unlinked provider account can be linked again").isTrue();
    }

    @Test
    void aRefusedLinkLeavesTheUnitOfWorkUsable() {
        Identity taken = identity(ada, ISSUER, subject(), T0);
        insert(taken);
        Identity other = identity(bob, OTHER_ISSUER, subject(), T0);

        boolean[] outcomes = inTransaction(() -> new boolean[] {
                identities.insert(identity(bob, ISSUER, taken.subject(), T0)), identities.insert(other)});

        assertThat(outcomes).containsExactly(false, true);
        assertThat(identities.find(tenant.id(), OTHER_ISSUER, other.subject())).as("committed").contains(other);
    }

    @Test
    void ofConcurrentLinksOfOneProviderAccountExactlyOneWins() throws InterruptedException {
        String subject = subject();
        List<User> users = java.util.stream.IntStream.range(0, RACERS).mapToObj(i -> i % 2 == 0 ? ada : bob).toList();

        List<Boolean> linked = Race.run(RACERS, i -> () -> transactions.inTransaction(
                () -> identities.insert(identity(users.get(i), ISSUER, subject, T0.plusSeconds(i)))));

        assertThat(linked).filteredOn(Boolean::booleanValue).hasSize(1);
        assertThat(identities.find(tenant.id(), ISSUER, subject)).isPresent();
    }

    @Test
    void aUnitOfWorkThatFailsLeavesNoLinkNorUnlink() {
        Identity kept = identity(ada, ISSUER, subject(), T0);
        insert(kept);
        Identity added = identity(bob, ISSUER, subject(), T0);

        assertThatThrownBy(() -> run(() -> {
            identities.insert(added);
            identities.delete(tenant.id(), ada.id(), kept.id());
            throw new IllegalStateException("the use case failed after writing");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(identities.find(tenant.id(), ISSUER, added.subject())).isEmpty();
        assertThat(identities.ofUser(tenant.id(), ada.id())).containsExactly(kept);
    }

    protected final User newUser(Tenant of) {
        Account account = account(of);
        User user = user(account, uniqueEmail());
        run(() -> {
            ports.accounts().insert(account);
            ports.users().insert(user);
        });
        return user;
    }

    protected static Identity identity(User user, String issuer, String subject, Instant linkedAt) {
        return new Identity(UUID.randomUUID(), user.tenantId(), user.id(), "google", issuer, subject,
                "Ada.Lovelace+" + subject + "@Example.com", linkedAt);
    }

    protected static String subject() {
        return "sub-" + UUID.randomUUID();
    }

    protected final boolean insert(Identity identity) {
        return inTransaction(() -> identities.insert(identity));
    }

    protected final void run(Runnable work) {
        transactions.inTransaction(() -> {
            work.run();
            return null;
        });
    }

    private <T> T inTransaction(Supplier<T> work) {
        return transactions.inTransaction(work);
    }
}
