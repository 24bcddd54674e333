package dev.gatehouse.application.contract;

import static dev.gatehouse.application.contract.PersistenceMother.T0;
import static dev.gatehouse.application.contract.PersistenceMother.account;
import static dev.gatehouse.application.contract.PersistenceMother.tenant;
import static dev.gatehouse.application.contract.PersistenceMother.tokenHash;
import static dev.gatehouse.application.contract.PersistenceMother.uniqueEmail;
import static dev.gatehouse.application.contract.PersistenceMother.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.emailchange.port.out.EmailChangeStore;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.domain.account.Account;
import dev.gatehouse.domain.emailchange.EmailChangeRevert;
import dev.gatehouse.domain.emailchange.PendingEmailChange;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.User;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EmailChangeStore} must do; extended once per implementation. {@code deleteExpired} spans all
 * tenants, and so all tests sharing a store: its test counts only what it can tell apart.
 */
public abstract class EmailChangeStoreContract {
    private static final int RACERS = 12;
    private static final Duration LIFETIME = Duration.ofHours(1);

    protected PersistencePorts ports;
    private EmailChangeStore store;
    private TransactionRunner transactions;
    protected Tenant tenant;
    private Tenant otherTenant;
    protected User ada;

    /** The stores under test, sharing one unit of work with {@link #store()}; called once before each test. */
    protected abstract PersistencePorts ports();

    /** The implementation under test, on the same store as {@link #ports()}; called after it. */
    protected abstract EmailChangeStore store();

    @BeforeEach
    void setUpATenantWithAUserAndAnotherTenant() {
        ports = ports();
        store = store();
        transactions = ports.transactions();
        tenant = tenant();
        otherTenant = tenant();
        run(() -> {
            ports.tenants().insert(tenant);
            ports.tenants().insert(otherTenant);
        });
        ada = newUser(tenant);
    }

    @Test
    void readsBackAPendingChangeWithEveryFieldAndANewStartReplacesIt() {
        PendingEmailChange first = pending(ada, T0);
        run(() -> store.replacePending(first));
        assertThat(store.findPending(tenant.id(), ada.id())).contains(first);

        PendingEmailChange second = pending(ada, T0.plusSeconds(5));
        run(() -> store.replacePending(second));

        assertThat(store.findPending(tenant.id(), ada.id())).contains(second);
        assertThat(store.recordFailedAttempt(tenant.id(), ada.id(), first.id())).as("the replaced one").isZero();
        assertThat(inTransaction(() -> store.takePending(tenant.id(), ada.id(), first.id(), T0.plusSeconds(6))))
                .isFalse();
        assertThat(store.findPending(tenant.id(), ada.id())).contains(second);
    }

    @Test
    void keepsUsersAndTenantsApart() {
        User bob = newUser(tenant);
        PendingEmailChange adas = pending(ada, T0);
        run(() -> store.replacePending(adas));

        assertThat(store.findPending(tenant.id(), bob.id())).isEmpty();
        assertThat(store.findPending(otherTenant.id(), ada.id())).isEmpty();
        assertThat(store.recordFailedAttempt(otherTenant.id(), ada.id(), adas.id())).isZero();
        assertThat(store.recordFailedAttempt(tenant.id(), bob.id(), adas.id())).isZero();
        assertThat(inTransaction(() -> store.takePending(otherTenant.id(), ada.id(), adas.id(), T0))).isFalse();
        assertThat(inTransaction(() -> store.deletePending(tenant.id(), bob.id()))).isFalse();
        assertThat(store.findPending(tenant.id(), ada.id())).contains(adas);

        EmailChangeRevert revert = revert(ada, T0);
        run(() -> store.insertRevert(revert));
        assertThat(store.findRevert(otherTenant.id(), revert.tokenHash())).isEmpty();
        assertThat(inTransaction(() -> store.useRevert(otherTenant.id(), revert.tokenHash(), T0))).isFalse();
        assertThat(store.findRevert(tenant.id(), revert.tokenHash())).contains(revert);
    }

    @Test
    void countsWrongCodesAndTakesAPendingChangeOnlyWhileItIsLive() {
        PendingEmailChange change = pending(ada, T0);
        run(() -> store.replacePending(change));
        for (int i = 1; i < PendingEmailChange.MAX_FAILED_ATTEMPTS; i++) {
            int attempt = i;
            assertThat(inTransaction(() -> store.recordFailedAttempt(tenant.id(), ada.id(), change.id())))
                    .isEqualTo(attempt);
        }
        assertThat(store.findPending(tenant.id(), ada.id()).orElseThrow().failedAttempts())
                .isEqualTo(PendingEmailChange.MAX_FAILED_ATTEMPTS - 1);
        assertThat(inTransaction(() -> store.takePending(tenant.id(), ada.id(), change.id(), change.expiresAt())))
                .as("expired").isFalse();
        run(() -> store.recordFailedAttempt(tenant.id(), ada.id(), change.id()));
        assertThat(inTransaction(() -> store.takePending(tenant.id(), ada.id(), change.id(), T0)))
                .as("out of tries").isFalse();

        PendingEmailChange fresh = pending(ada, T0);
        run(() -> store.replacePending(fresh));
        assertThat(inTransaction(() -> store.takePending(tenant.id(), ada.id(), fresh.id(), T0.plusSeconds(1))))
                .isTrue();
        assertThat(store.findPending(tenant.id(), ada.id())).isEmpty();
        assertThat(inTransaction(() -> store.takePending(tenant.id(), ada.id(), fresh.id(), T0.plusSeconds(1))))
                .as("taken once").isFalse();
    }

    @Test
    void ofConcurrentTakesOfOnePendingChangeExactlyOneWinsAndConcurrentWrongTriesAreAllCounted() throws Exception {
        PendingEmailChange change = pending(ada, T0);
        run(() -> store.replacePending(change));
        List<Integer> counts = Race.run(RACERS / 3, i -> () ->
                inTransaction(() -> store.recordFailedAttempt(tenant.id(), ada.id(), change.id())));
        assertThat(counts).containsExactlyInAnyOrder(1, 2, 3, 4);

        PendingEmailChange fresh = pending(ada, T0);
        run(() -> store.replacePending(fresh));
        List<Boolean> takes = Race.run(RACERS, i -> () ->
                inTransaction(() -> store.takePending(tenant.id(), ada.id(), fresh.id(), T0)));
        assertThat(takes).containsOnlyOnce(true);
    }

    @Test
    void usesARevertOnceWhileUnexpiredAndRecordsWhen() {
        EmailChangeRevert revert = revert(ada, T0);
        run(() -> store.insertRevert(revert));

        assertThat(inTransaction(() -> store.useRevert(tenant.id(), revert.tokenHash(), revert.expiresAt())))
                .as("expired").isFalse();
        assertThat(inTransaction(() -> store.useRevert(tenant.id(), revert.tokenHash(), T0.plusSeconds(10))))
                .isTrue();
        assertThat(inTransaction(() -> store.useRevert(tenant.id(), revert.tokenHash(), T0.plusSeconds(11))))
                .isFalse();
        assertThat(store.findRevert(tenant.id(), revert.tokenHash()))
                .contains(withUsedAt(revert, T0.plusSeconds(10)));
        assertThat(store.findRevert(tenant.id(), tokenHash())).isEmpty();
    }

    @Test
    void ofConcurrentUsesOfARevertExactlyOneWins() throws Exception {
        EmailChangeRevert revert = revert(ada, T0);
        run(() -> store.insertRevert(revert));

        List<Boolean> uses = Race.run(RACERS, i -> () ->
                inTransaction(() -> store.useRevert(tenant.id(), revert.tokenHash(), T0.plusSeconds(1))));

        assertThat(uses).containsOnlyOnce(true);
    }

    @Test
    void voidsOnlyTheUsersUnusedRevertsCreatedAfterTheGivenTime() {
        User bob = newUser(tenant);
        EmailChangeRevert earlier = revert(ada, T0);
        EmailChangeRevert same = revert(ada, T0.plusSeconds(10));
        EmailChangeRevert later = revert(ada, T0.plusSeconds(20));
        EmailChangeRevert usedLater = revert(ada, T0.plusSeconds(30));
        EmailChangeRevert bobs = revert(bob, T0.plusSeconds(40));
        run(() -> List.of(earlier, same, later, usedLater, bobs).forEach(store::insertRevert));
        run(() -> store.useRevert(tenant.id(), usedLater.tokenHash(), T0.plusSeconds(31)));

        Instant now = T0.plusSeconds(50);
        assertThat(inTransaction(() -> store.voidRevertsAfter(tenant.id(), ada.id(), same.created(), now)))
                .isEqualTo(1);

        assertThat(store.findRevert(tenant.id(), later.tokenHash())).contains(withUsedAt(later, now));
        assertThat(store.findRevert(tenant.id(), usedLater.tokenHash()))
                .contains(withUsedAt(usedLater, T0.plusSeconds(31)));
        assertThat(store.findRevert(tenant.id(), earlier.tokenHash())).contains(earlier);
        assertThat(store.findRevert(tenant.id(), same.tokenHash())).contains(same);
        assertThat(store.findRevert(tenant.id(), bobs.tokenHash())).contains(bobs);
    }

    @Test
    void deletesExpiredOrExhaustedPendingChangesAndExpiredRevertsOfEveryTenantAndKeepsTheRest() {
        User bob = newUser(tenant);
        User cy = newUser(otherTenant);
        Instant now = T0.plus(LIFETIME);
        PendingEmailChange expired = pending(ada, T0);
        PendingEmailChange exhausted = new PendingEmailChange(UUID.randomUUID(), tenant.id(), bob.id(), uniqueEmail(),
                tokenHash(), PendingEmailChange.MAX_FAILED_ATTEMPTS, now, now.plus(LIFETIME));
        PendingEmailChange live = pending(cy, now.minusSeconds(1));
        EmailChangeRevert expiredRevert = revert(ada, now.minus(EmailChangeRevert.LIFETIME));
        EmailChangeRevert liveRevert = revert(cy, now.minus(EmailChangeRevert.LIFETIME).plusSeconds(1));
        run(() -> {
            List.of(expired, exhausted, live).forEach(store::replacePending);
            List.of(expiredRevert, liveRevert).forEach(store::insertRevert);
        });

        assertThat(inTransaction(() -> store.deleteExpired(now))).isGreaterThanOrEqualTo(3);

        assertThat(store.findPending(tenant.id(), ada.id())).isEmpty();
        assertThat(store.findPending(tenant.id(), bob.id())).isEmpty();
        assertThat(store.findPending(otherTenant.id(), cy.id())).contains(live);
        assertThat(store.findRevert(tenant.id(), expiredRevert.tokenHash())).isEmpty();
        assertThat(store.findRevert(otherTenant.id(), liveRevert.tokenHash())).contains(liveRevert);
    }

    @Test
    void deletesEverythingOfOneUserOnly() {
        User bob = newUser(tenant);
        EmailChangeRevert adas = revert(ada, T0);
        EmailChangeRevert bobs = revert(bob, T0);
        run(() -> {
            List.of(pending(ada, T0), pending(bob, T0)).forEach(store::replacePending);
            List.of(adas, revert(ada, T0.plusSeconds(1)), bobs).forEach(store::insertRevert);
        });

        assertThat(inTransaction(() -> store.deleteAllOfUser(tenant.id(), ada.id()))).isEqualTo(3);
        assertThat(inTransaction(() -> store.deleteAllOfUser(otherTenant.id(), bob.id()))).isZero();

        assertThat(store.findPending(tenant.id(), ada.id())).isEmpty();
        assertThat(store.findRevert(tenant.id(), adas.tokenHash())).isEmpty();
        assertThat(store.findPending(tenant.id(), bob.id())).isPresent();
        assertThat(store.findRevert(tenant.id(), bobs.tokenHash())).contains(bobs);
    }

    @Test
    void rollsBackWithTheUnitOfWork() {
        PendingEmailChange change = pending(ada, T0);
        EmailChangeRevert revert = revert(ada, T0);
        RuntimeException failure = new IllegalStateException("work failed after the writes");

        assertThatThrownBy(() -> run(() -> {
            store.replacePending(change);
            store.insertRevert(revert);
            throw failure;
        })).isSameAs(failure);

        assertThat(store.findPending(tenant.id(), ada.id())).isEmpty();
        assertThat(store.findRevert(tenant.id(), revert.tokenHash())).isEmpty();
    }

    protected PendingEmailChange pending(User user, Instant at) {
        return PendingEmailChange.start(UUID.randomUUID(), user.tenantId(), user.id(), uniqueEmail(), tokenHash(), at,
                LIFETIME);
    }

    protected static EmailChangeRevert revert(User user, Instant at) {
        return EmailChangeRevert.issue(user.tenantId(), user.id(), user.email(), uniqueEmail(), tokenHash(), at);
    }

    private static EmailChangeRevert withUsedAt(EmailChangeRevert revert, Instant usedAt) {
        return new EmailChangeRevert(revert.tenantId(), revert.userId(), revert.oldEmail(), revert.newEmail(),
                revert.tokenHash(), revert.created(), revert.expiresAt(), Optional.of(usedAt));
    }

    protected User newUser(Tenant of) {
        Account account = account(of);
        User user = user(account, uniqueEmail());
        run(() -> {
            ports.accounts().insert(account);
            ports.users().insert(user);
        });
        return user;
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
