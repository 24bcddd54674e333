package dev.gatehouse.application.contract;

import static dev.gatehouse.application.contract.PersistenceMother.T0;
import static dev.gatehouse.application.contract.PersistenceMother.account;
import static dev.gatehouse.application.contract.PersistenceMother.tenant;
import static dev.gatehouse.application.contract.PersistenceMother.uniqueEmail;
import static dev.gatehouse.application.contract.PersistenceMother.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.port.out.MfaRepository;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.domain.account.Account;
import dev.gatehouse.domain.mfa.RecoveryCode;
import dev.gatehouse.domain.mfa.RecoveryCodeHash;
import dev.gatehouse.domain.mfa.SealedTotpSecret;
import dev.gatehouse.domain.mfa.TotpFactor;
import dev.gatehouse.domain.mfa.TotpStep;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link MfaRepository} must do; extended once per implementation. */
public abstract class MfaRepositoryContract {
    private static final int RACERS = 12;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The step of a code typed at T0. */
    private static final TotpStep STEP = TotpStep.at(T0);

    private PersistencePorts ports;
    private MfaRepository mfa;
    private TransactionRunner transactions;
    private Tenant tenant;
    private Tenant otherTenant;
    private User ada;

    /** The stores under test, sharing one unit of work with {@link #mfa()}; called once before each test. */
    protected abstract PersistencePorts ports();

    /** The implementation under test, on the same store as {@link #ports()}; called after it. */
    protected abstract MfaRepository mfa();

    @BeforeEach
    void setUpATenantWithAUserAndAnotherTenant() {
        ports = ports();
        mfa = mfa();
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
    void readsBackAPendingEnrolmentWithEveryField() {
        TotpFactor pending = pending(ada, T0);

        assertThat(inTransaction(() -> mfa.savePendingTotp(pending))).isTrue();

        assertThat(mfa.findTotp(tenant.id(), ada.id())).contains(pending);
        assertThat(mfa.findTotp(tenant.id(), ada.id()).orElseThrow().isConfirmed()).isFalse();
    }

    @Test
    void aNewEnrolmentReplacesAPendingOneButNeverAConfirmedOne() {
        TotpFactor first = pending(ada, T0);
        TotpFactor second = pending(ada, T0.plusSeconds(10));
        run(() -> mfa.savePendingTotp(first));

        assertThat(inTransaction(() -> mfa.savePendingTotp(second))).isTrue();
        assertThat(mfa.findTotp(tenant.id(), ada.id())).contains(second);

        assertThat(inTransaction(() -> mfa.confirmTotp(tenant.id(), ada.id(), STEP, T0.plusSeconds(20)))).isTrue();
        assertThat(inTransaction(() -> mfa.savePendingTotp(pending(ada, T0.plusSeconds(30))))).isFalse();
        assertThat(mfa.findTotp(tenant.id(), ada.id())).contains(second.confirm(STEP, T0.plusSeconds(20)));
    }

    @Test
    void confirmsAPendingFactorOnceAndCountsTheStepOfItsCodeAsUsed() {
        TotpFactor pending = pending(ada, T0);
        run(() -> mfa.savePendingTotp(pending));
        Instant now = T0.plusSeconds(7);

        assertThat(inTransaction(() -> mfa.confirmTotp(tenant.id(), ada.id(), STEP, now))).isTrue();
        assertThat(inTransaction(() -> mfa.confirmTotp(tenant.id(), ada.id(), STEP.next(), now))).isFalse();

        TotpFactor confirmed = mfa.findTotp(tenant.id(), ada.id()).orElseThrow();
        assertThat(confirmed.confirmedAt()).contains(now);
        assertThat(confirmed.lastUsedStep()).contains(STEP);
        assertThat(confirmed.secret()).isEqualTo(pending.secret());
        assertThat(inTransaction(() -> mfa.recordUsedStep(tenant.id(), ada.id(), STEP)))
                .as("the confirming code cannot sign in again").isFalse();
    }

    @Test
    void tellsWhichUsersOfAPageHaveAConfirmedFactorInTheirTenantOnly() {
        User bob = newUser(tenant);
        User cy = newUser(tenant);
        run(() -> mfa.savePendingTotp(pending(ada, T0)));
        run(() -> mfa.confirmTotp(tenant.id(), ada.id(), STEP, T0));
        run(() -> mfa.savePendingTotp(pending(bob, T0))); // pending only: not on

        assertThat(mfa.withConfirmedTotp(tenant.id(), List.of(ada.id(), bob.id(), cy.id()))).containsExactly(ada.id());
        assertThat(mfa.withConfirmedTotp(otherTenant.id(), List.of(ada.id()))).isEmpty();
        assertThat(mfa.withConfirmedTotp(tenant.id(), List.of())).isEmpty();
    }

    @Test
    void nothingToConfirmWithoutAPendingEnrolment() {
        assertThat(inTransaction(() -> mfa.confirmTotp(tenant.id(), ada.id(), STEP, T0))).isFalse();
        assertThat(mfa.findTotp(tenant.id(), ada.id())).isEmpty();
    }

    @Test
    void recordsAUsedStepOnlyWhenItIsLaterThanTheLastOne() {
        confirmed(ada, STEP);

        assertThat(inTransaction(() -> mfa.recordUsedStep(tenant.id(), ada.id(), STEP))).as("a replay").isFalse();
        assertThat(inTransaction(() -> mfa.recordUsedStep(tenant.id(), ada.id(), STEP.previous())))
                .as("an earlier step of the window").isFalse();
        assertThat(inTransaction(() -> mfa.recordUsedStep(tenant.id(), ada.id(), STEP.next()))).isTrue();
        assertThat(inTransaction(() -> mfa.recordUsedStep(tenant.id(), ada.id(), STEP.next()))).isFalse();
        TotpStep later = new TotpStep(STEP.value() + 3);
        assertThat(inTransaction(() -> mfa.recordUsedStep(tenant.id(), ada.id(), later))).isTrue();

        assertThat(mfa.findTotp(tenant.id(), ada.id()).orElseThrow().lastUsedStep()).contains(later);
    }

    @Test
    void aPendingFactorOrNoFactorRecordsNoStep() {
        run(() -> mfa.savePendingTotp(pending(ada, T0)));
        User bob = newUser(tenant);

        assertThat(inTransaction(() -> mfa.recordUsedStep(tenant.id(), ada.id(), STEP))).isFalse();
        assertThat(inTransaction(() -> mfa.recordUsedStep(tenant.id(), bob.id(), STEP))).isFalse();
        assertThat(mfa.findTotp(tenant.id(), ada.id()).orElseThrow().lastUsedStep()).isEmpty();
    }

    @Test
    void ofConcurrentUsesOfOneStepExactlyOneWins() throws InterruptedException {
        confirmed(ada, STEP);

        List<Boolean> won = Race.run(RACERS, i -> () -> transactions.inTransaction(
                () -> mfa.recordUsedStep(tenant.id(), ada.id(), STEP.next())));

        assertThat(won).filteredOn(Boolean::booleanValue).hasSize(1);
        assertThat(mfa.findTotp(tenant.id(), ada.id()).orElseThrow().lastUsedStep()).contains(STEP.next());
    }

    @Test
    void ofConcurrentUsesOfDifferentStepsTheLatestAlwaysWinsAndStays() throws InterruptedException {
        confirmed(ada, STEP);

        List<Boolean> won = Race.run(RACERS, i -> () -> transactions.inTransaction(
                () -> mfa.recordUsedStep(tenant.id(), ada.id(), new TotpStep(STEP.value() + 1 + i))));

        assertThat(won.get(RACERS - 1)).as("the latest step").isTrue();
        assertThat(mfa.findTotp(tenant.id(), ada.id()).orElseThrow().lastUsedStep())
                .contains(new TotpStep(STEP.value() + RACERS));
    }

    @Test
    void ofConcurrentConfirmationsExactlyOneWins() throws InterruptedException {
        run(() -> mfa.savePendingTotp(pending(ada, T0)));

        List<Boolean> won = Race.run(RACERS, i -> () -> transactions.inTransaction(
                () -> mfa.confirmTotp(tenant.id(), ada.id(), STEP, T0.plusSeconds(1))));

        assertThat(won).filteredOn(Boolean::booleanValue).hasSize(1);
    }

    @Test
    void concurrentEnrolmentsLeaveOnePendingFactorAndNoError() throws InterruptedException {
        List<TotpFactor> enrolments = IntStream.range(0, RACERS)
                .mapToObj(i -> pending(ada, T0.plusSeconds(i))).toList();

        List<Boolean> saved = Race.run(RACERS, i -> () -> transactions.inTransaction(
                () -> mfa.savePendingTotp(enrolments.get(i))));

        assertThat(saved).containsOnly(true);
        assertThat(mfa.findTotp(tenant.id(), ada.id())).hasValueSatisfying(found -> assertThat(enrolments).contains(found));
    }

    @Test
    void usesARecoveryCodeOnceAndCountsTheUnusedOnes() {
        List<RecoveryCodeHash> codes = recoveryCodes(ada);
        run(() -> mfa.replaceRecoveryCodes(tenant.id(), ada.id(), codes, T0));
        assertThat(mfa.countUnusedRecoveryCodes(tenant.id(), ada.id())).isEqualTo(RecoveryCode.COUNT);

        assertThat(inTransaction(() -> mfa.useRecoveryCode(tenant.id(), ada.id(), codes.get(3), T0.plusSeconds(1)))).isTrue();
        assertThat(inTransaction(() -> mfa.useRecoveryCode(tenant.id(), ada.id(), codes.get(3), T0.plusSeconds(2)))).isFalse();
        assertThat(inTransaction(() -> mfa.useRecoveryCode(tenant.id(), ada.id(), recoveryCodes(ada).get(0), T0))).isFalse();

        assertThat(mfa.countUnusedRecoveryCodes(tenant.id(), ada.id())).isEqualTo(RecoveryCode.COUNT - 1);
    }

    @Test
    void ofConcurrentUsesOfARecoveryCodeExactlyOneWins() throws InterruptedException {
        List<RecoveryCodeHash> codes = recoveryCodes(ada);
        run(() -> mfa.replaceRecoveryCodes(tenant.id(), ada.id(), codes, T0));

        List<Boolean> won = Race.run(RACERS, i -> () -> transactions.inTransaction(
                () -> mfa.useRecoveryCode(tenant.id(), ada.id(), codes.get(0), T0.plusSeconds(1))));

        assertThat(won).filteredOn(Boolean::booleanValue).hasSize(1);
        assertThat(mfa.countUnusedRecoveryCodes(tenant.id(), ada.id())).isEqualTo(RecoveryCode.COUNT - 1);
    }

    @Test
    void newRecoveryCodesVoidAllTheOldOnes() {
        List<RecoveryCodeHash> old = recoveryCodes(ada);
        run(() -> mfa.replaceRecoveryCodes(tenant.id(), ada.id(), old, T0));
        run(() -> mfa.useRecoveryCode(tenant.id(), ada.id(), old.get(0), T0));
        List<RecoveryCodeHash> fresh = recoveryCodes(ada);

        run(() -> mfa.replaceRecoveryCodes(tenant.id(), ada.id(), fresh, T0.plusSeconds(60)));

        assertThat(mfa.countUnusedRecoveryCodes(tenant.id(), ada.id())).isEqualTo(RecoveryCode.COUNT);
        assertThat(inTransaction(() -> mfa.useRecoveryCode(tenant.id(), ada.id(), old.get(1), T0))).isFalse();
        assertThat(inTransaction(() -> mfa.useRecoveryCode(tenant.id(), ada.id(), fresh.get(1), T0))).isTrue();
    }

    @Test
    void deletingTheFactorsRemovesTheFactorAndEveryRecoveryCodeOfThatUserOnly() {
        User bob = newUser(tenant);
        confirmed(ada, STEP);
        confirmed(bob, STEP);
        List<RecoveryCodeHash> adasCodes = recoveryCodes(ada);
        List<RecoveryCodeHash> bobsCodes = recoveryCodes(bob);
        run(() -> mfa.replaceRecoveryCodes(tenant.id(), ada.id(), adasCodes, T0));
        run(() -> mfa.replaceRecoveryCodes(tenant.id(), bob.id(), bobsCodes, T0));

        assertThat(inTransaction(() -> mfa.deleteFactors(tenant.id(), ada.id()))).isTrue();

        assertThat(mfa.findTotp(tenant.id(), ada.id())).isEmpty();
        assertThat(mfa.countUnusedRecoveryCodes(tenant.id(), ada.id())).isZero();
        assertThat(inTransaction(() -> mfa.useRecoveryCode(tenant.id(), ada.id(), adasCodes.get(0), T0))).isFalse();
        assertThat(inTransaction(() -> mfa.deleteFactors(tenant.id(), ada.id()))).isFalse();
        assertThat(mfa.findTotp(tenant.id(), bob.id())).isPresent();
        assertThat(mfa.countUnusedRecoveryCodes(tenant.id(), bob.id())).isEqualTo(RecoveryCode.COUNT);
    }

    @Test
    void afterDeletionTheUserCanEnrolAnew() {
        confirmed(ada, STEP);
        run(() -> mfa.deleteFactors(tenant.id(), ada.id()));
        TotpFactor again = pending(ada, T0.plusSeconds(90));

        assertThat(inTransaction(() -> mfa.savePendingTotp(again))).isTrue();
        assertThat(mfa.findTotp(tenant.id(), ada.id())).contains(again);
    }

    @Test
    void keepsUsersAndTenantsApart() {
        User bob = newUser(tenant);
        confirmed(ada, STEP);
        List<RecoveryCodeHash> codes = recoveryCodes(ada);
        run(() -> mfa.replaceRecoveryCodes(tenant.id(), ada.id(), codes, T0));

        assertThat(mfa.findTotp(tenant.id(), bob.id())).isEmpty();
        assertThat(mfa.findTotp(otherTenant.id(), ada.id())).isEmpty();
        assertThat(inTransaction(() -> mfa.recordUsedStep(otherTenant.id(), ada.id(), STEP.next()))).isFalse();
        assertThat(inTransaction(() -> mfa.confirmTotp(otherTenant.id(), ada.id(), STEP.next(), T0))).isFalse();
        assertThat(inTransaction(() -> mfa.useRecoveryCode(tenant.id(), bob.id(), codes.get(0), T0))).isFalse();
        assertThat(inTransaction(() -> mfa.useRecoveryCode(otherTenant.id(), ada.id(), codes.get(0), T0))).isFalse();
        assertThat(mfa.countUnusedRecoveryCodes(tenant.id(), bob.id())).isZero();
        assertThat(mfa.countUnusedRecoveryCodes(otherTenant.id(), ada.id())).isZero();
        assertThat(inTransaction(() -> mfa.deleteFactors(otherTenant.id(), ada.id()))).isFalse();
        assertThat(inTransaction(() -> mfa.deleteFactors(tenant.id(), bob.id()))).isFalse();

        assertThat(mfa.findTotp(tenant.id(), ada.id()).orElseThrow().lastUsedStep()).contains(STEP);
        assertThat(mfa.countUnusedRecoveryCodes(tenant.id(), ada.id())).isEqualTo(RecoveryCode.COUNT);
    }

    @Test
    void aUnitOfWorkThatFailsLeavesNeitherFactorNorCodes() {
        assertThatThrownBy(() -> run(() -> {
            mfa.savePendingTotp(pending(ada, T0));
            mfa.replaceRecoveryCodes(tenant.id(), ada.id(), recoveryCodes(ada), T0);
            throw new IllegalStateException("the use case failed after writing");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(mfa.findTotp(tenant.id(), ada.id())).isEmpty();
        assertThat(mfa.countUnusedRecoveryCodes(tenant.id(), ada.id())).isZero();
    }

    private User newUser(Tenant of) {
        Account account = account(of);
        User user = user(account, uniqueEmail());
        run(() -> {
            ports.accounts().insert(account);
            ports.users().insert(user);
        });
        return user;
    }

    /** A pending enrolment whose sealed secret is as long as a real one and holds random bytes. */
    private TotpFactor pending(User user, Instant at) {
        byte[] sealed = new byte[61];
        RANDOM.nextBytes(sealed);
        return TotpFactor.enrol(user.tenantId(), user.id(),
                new SealedTotpSecret(Base64.getEncoder().encodeToString(sealed)), at);
    }

    private void confirmed(User user, TotpStep step) {
        run(() -> {
            mfa.savePendingTotp(pending(user, T0));
            mfa.confirmTotp(user.tenantId(), user.id(), step, T0);
        });
    }

    private static List<RecoveryCodeHash> recoveryCodes(User user) {
        UserId id = user.id();
        return RecoveryCode.generateSet(() -> {
            byte[] bytes = new byte[RecoveryCode.LENGTH];
            RANDOM.nextBytes(bytes);
            return bytes;
        }).stream().map(code -> code.hash(id)).toList();
    }

    private void run(Runnable work) {
        transactions.inTransaction(() -> {
            work.run();
            return null;
        });
    }

    private <T> T inTransaction(Supplier<T> work) {
        return transactions.inTransaction(work);
    }
}
