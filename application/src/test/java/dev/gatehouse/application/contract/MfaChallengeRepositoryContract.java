package dev.gatehouse.application.contract;

import dev.gatehouse.domain.user.SecurityStamp;
import static dev.gatehouse.application.contract.PersistenceMother.T0;
import static dev.gatehouse.application.contract.PersistenceMother.account;
import static dev.gatehouse.application.contract.PersistenceMother.tenant;
import static dev.gatehouse.application.contract.PersistenceMother.tokenHash;
import static dev.gatehouse.application.contract.PersistenceMother.uniqueEmail;
import static dev.gatehouse.application.contract.PersistenceMother.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.port.out.MfaChallengeRepository;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.domain.account.Account;
import dev.gatehouse.domain.mfa.MfaChallenge;
import dev.gatehouse.domain.mfa.MfaChallenge.Purpose;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.User;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MfaChallengeRepository} must do; extended once per implementation. {@code deleteExpired} spans
 * all tenants, and so all tests sharing a store: its test clears what earlier tests left before counting.
 */
public abstract class MfaChallengeRepositoryContract {
    private static final int RACERS = 12;
    private static final Duration MICROSECOND = Duration.ofNanos(1_000);

    private PersistencePorts ports;
    private MfaChallengeRepository challenges;
    private TransactionRunner transactions;
    private Tenant tenant;
    private Tenant otherTenant;
    private User ada;

    /** The stores under test, sharing one unit of work with {@link #challenges()}; called once before each test. */
    protected abstract PersistencePorts ports();

    /** The implementation under test, on the same store as {@link #ports()}; called after it. */
    protected abstract MfaChallengeRepository challenges();

    @BeforeEach
    void setUpATenantWithAUserAndAnotherTenant() {
        ports = ports();
        challenges = challenges();
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
    void readsBackAChallengeOfEitherPurposeWithEveryField() {
        MfaChallenge verify = issue(ada, Purpose.VERIFY, T0);
        MfaChallenge enrol = new MfaChallenge(tokenHash(), tenant.id(), ada.id(), Purpose.ENROL, T0.plusSeconds(1),
                T0.plusSeconds(1).plus(MfaChallenge.LIFETIME), 3, new SecurityStamp(41));

        run(() -> {
            challenges.insert(verify);
            challenges.insert(enrol);
        });

        assertThat(challenges.find(verify.tokenHash())).contains(verify);
        assertThat(challenges.find(enrol.tokenHash())).contains(enrol);
    }

    @Test
    void findsNothingForAnUnknownToken() {
        insert(issue(ada, Purpose.VERIFY, T0));

        assertThat(challenges.find(tokenHash())).isEmpty();
    }

    @Test
    void refusesASecondChallengeWithTheSameToken() {
        MfaChallenge first = issue(ada, Purpose.VERIFY, T0);
        insert(first);
        MfaChallenge clash = new MfaChallenge(first.tokenHash(), tenant.id(), ada.id(), Purpose.ENROL,
                T0.plusSeconds(5), T0.plusSeconds(60), 0, SecurityStamp.INITIAL);

        assertThatThrownBy(() -> insert(clash)).isInstanceOf(RuntimeException.class);
        assertThat(challenges.find(first.tokenHash())).contains(first);
    }

    @Test
    void countsEachWrongCodeAndAnswersTheNewCount() {
        MfaChallenge challenge = issue(ada, Purpose.VERIFY, T0);
        insert(challenge);

        assertThat(inTransaction(() -> challenges.recordFailure(challenge.tokenHash()))).isEqualTo(1);
        assertThat(inTransaction(() -> challenges.recordFailure(challenge.tokenHash()))).isEqualTo(2);

        assertThat(challenges.find(challenge.tokenHash()).orElseThrow().failures()).isEqualTo(2);
        assertThat(inTransaction(() -> challenges.recordFailure(tokenHash()))).as("an unknown token").isZero();
    }

    @Test
    void spendsALiveChallengeOnlyOnce() {
        MfaChallenge challenge = issue(ada, Purpose.VERIFY, T0);
        insert(challenge);

        assertThat(inTransaction(() -> challenges.spend(challenge.tokenHash(), T0.plusSeconds(30)))).isTrue();
        assertThat(inTransaction(() -> challenges.spend(challenge.tokenHash(), T0.plusSeconds(31)))).isFalse();

        assertThat(challenges.find(challenge.tokenHash())).isEmpty();
        assertThat(inTransaction(() -> challenges.spend(tokenHash(), T0))).as("an unknown token").isFalse();
    }

    @Test
    void spendsAChallengeUntilTheInstantItExpiresAndNotAfter() {
        MfaChallenge lastMoment = issue(ada, Purpose.VERIFY, T0);
        MfaChallenge tooLate = issue(ada, Purpose.VERIFY, T0);
        run(() -> {
            challenges.insert(lastMoment);
            challenges.insert(tooLate);
        });

        assertThat(inTransaction(() -> challenges.spend(lastMoment.tokenHash(),
                lastMoment.expiresAt().minus(MICROSECOND)))).isTrue();
        assertThat(inTransaction(() -> challenges.spend(tooLate.tokenHash(), tooLate.expiresAt()))).isFalse();

        assertThat(challenges.find(tooLate.tokenHash())).as("left to housekeeping").contains(tooLate);
    }

    @Test
    void spendsNoChallengeAfterItsFifthWrongCode() {
        MfaChallenge fourWrong = issue(ada, Purpose.VERIFY, T0);
        MfaChallenge fiveWrong = issue(ada, Purpose.VERIFY, T0);
        run(() -> {
            challenges.insert(fourWrong);
            challenges.insert(fiveWrong);
        });
        for (int i = 1; i <= MfaChallenge.MAX_FAILURES - 1; i++) {
            challenges.recordFailure(fourWrong.tokenHash());
            challenges.recordFailure(fiveWrong.tokenHash());
        }
        assertThat(inTransaction(() -> challenges.recordFailure(fiveWrong.tokenHash())))
                .isEqualTo(MfaChallenge.MAX_FAILURES);

        assertThat(inTransaction(() -> challenges.spend(fiveWrong.tokenHash(), T0.plusSeconds(1)))).isFalse();
        assertThat(inTransaction(() -> challenges.spend(fourWrong.tokenHash(), T0.plusSeconds(1)))).isTrue();
        assertThat(challenges.find(fiveWrong.tokenHash()).orElseThrow().isLiveAt(T0.plusSeconds(1))).isFalse();
    }

    @Test
    void ofConcurrentSpendsOfOneChallengeExactlyOneWins() throws InterruptedException {
        MfaChallenge challenge = issue(ada, Purpose.VERIFY, T0);
        insert(challenge);

        List<Boolean> won = Race.run(RACERS, i -> () -> transactions.inTransaction(
                () -> challenges.spend(challenge.tokenHash(), T0.plusSeconds(10))));

        assertThat(won).filteredOn(Boolean::booleanValue).hasSize(1);
        assertThat(challenges.find(challenge.tokenHash())).isEmpty();
    }

    @Test
    void concurrentWrongCodesAllCount() throws InterruptedException {
        MfaChallenge challenge = issue(ada, Purpose.VERIFY, T0);
        insert(challenge);

        List<Integer> counts = Race.run(RACERS, i -> () -> transactions.inTransaction(
                () -> challenges.recordFailure(challenge.tokenHash())));

        assertThat(counts).as("each caller saw its own count")
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, RACERS).boxed().toList());
        assertThat(challenges.find(challenge.tokenHash()).orElseThrow().failures()).isEqualTo(RACERS);
    }

    @Test
    void deletesEveryChallengeOfOneUserOnly() {
        User bob = newUser(tenant);
        MfaChallenge first = issue(ada, Purpose.VERIFY, T0);
        MfaChallenge second = issue(ada, Purpose.ENROL, T0.plusSeconds(1));
        MfaChallenge bobs = issue(bob, Purpose.VERIFY, T0);
        run(() -> List.of(first, second, bobs).forEach(challenges::insert));

        assertThat(inTransaction(() -> challenges.deleteForUser(otherTenant.id(), ada.id()))).isZero();
        assertThat(inTransaction(() -> challenges.deleteForUser(tenant.id(), ada.id()))).isEqualTo(2);
        assertThat(inTransaction(() -> challenges.deleteForUser(tenant.id(), ada.id()))).isZero();

        assertThat(challenges.find(first.tokenHash())).isEmpty();
        assertThat(challenges.find(second.tokenHash())).isEmpty();
        assertThat(challenges.find(bobs.tokenHash())).contains(bobs);
    }

    @Test
    void deletesExpiredAndExhaustedChallengesOfEveryTenantAndKeepsLiveOnes() {
        Instant now = T0.plus(Duration.ofDays(1));
        inTransaction(() -> challenges.deleteExpired(now)); // what earlier tests left behind
        User stranger = newUser(otherTenant);
        MfaChallenge expired = issue(ada, Purpose.VERIFY, now.minus(MfaChallenge.LIFETIME).minusSeconds(1));
        MfaChallenge expiringNow = issue(stranger, Purpose.ENROL, now.minus(MfaChallenge.LIFETIME));
        MfaChallenge exhausted = new MfaChallenge(tokenHash(), tenant.id(), ada.id(), Purpose.VERIFY, now,
                now.plus(MfaChallenge.LIFETIME), MfaChallenge.MAX_FAILURES, SecurityStamp.INITIAL);
        MfaChallenge live = issue(ada, Purpose.VERIFY, now.minus(MfaChallenge.LIFETIME).plus(MICROSECOND));
        MfaChallenge nearlyExhausted = new MfaChallenge(tokenHash(), otherTenant.id(), stranger.id(), Purpose.VERIFY,
                now, now.plus(MfaChallenge.LIFETIME), MfaChallenge.MAX_FAILURES - 1, SecurityStamp.INITIAL);
        run(() -> List.of(expired, expiringNow, exhausted, live, nearlyExhausted).forEach(challenges::insert));

        assertThat(inTransaction(() -> challenges.deleteExpired(now))).isEqualTo(3);

        assertThat(challenges.find(expired.tokenHash())).isEmpty();
        assertThat(challenges.find(expiringNow.tokenHash())).isEmpty();
        assertThat(challenges.find(exhausted.tokenHash())).isEmpty();
        assertThat(challenges.find(live.tokenHash())).contains(live);
        assertThat(challenges.find(nearlyExhausted.tokenHash())).contains(nearlyExhausted);
    }

    @Test
    void aUnitOfWorkThatFailsLeavesNoChallengeNorCountNorSpend() {
        MfaChallenge kept = issue(ada, Purpose.VERIFY, T0);
        MfaChallenge spent = issue(ada, Purpose.VERIFY, T0);
        insert(kept);
        insert(spent);
        MfaChallenge added = issue(ada, Purpose.ENROL, T0);

        assertThatThrownBy(() -> run(() -> {
            challenges.insert(added);
            challenges.recordFailure(kept.tokenHash());
            challenges.spend(spent.tokenHash(), T0.plusSeconds(1));
            throw new IllegalStateException("the use case failed after writing");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(challenges.find(added.tokenHash())).isEmpty();
        assertThat(challenges.find(kept.tokenHash())).contains(kept);
        assertThat(challenges.find(spent.tokenHash())).contains(spent);
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

    private static MfaChallenge issue(User user, Purpose purpose, Instant now) {
        return MfaChallenge.issue(tokenHash(), user.tenantId(), user.id(), purpose, now, SecurityStamp.INITIAL);
    }

    private void insert(MfaChallenge challenge) {
        run(() -> challenges.insert(challenge));
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
