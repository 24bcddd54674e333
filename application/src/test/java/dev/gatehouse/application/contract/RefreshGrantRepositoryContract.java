package dev.gatehouse.application.contract;

import static dev.gatehouse.application.contract.PersistenceMother.REFRESH_IDLE_LIFETIME;
import static dev.gatehouse.application.contract.PersistenceMother.T0;
import static dev.gatehouse.application.contract.PersistenceMother.account;
import static dev.gatehouse.application.contract.PersistenceMother.refreshGrant;
import static dev.gatehouse.application.contract.PersistenceMother.session;
import static dev.gatehouse.application.contract.PersistenceMother.tenant;
import static dev.gatehouse.application.contract.PersistenceMother.tokenHash;
import static dev.gatehouse.application.contract.PersistenceMother.uniqueEmail;
import static dev.gatehouse.application.contract.PersistenceMother.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.sessions.port.out.RefreshGrantRepository;
import dev.gatehouse.application.port.out.SessionRepository;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.domain.account.Account;
import dev.gatehouse.domain.session.RefreshGrant;
import dev.gatehouse.domain.session.Session;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.User;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link RefreshGrantRepository} must do; extended once per implementation. */
public abstract class RefreshGrantRepositoryContract {
    private static final int RACERS = 16;
    private static final Instant NOW = T0.plus(Duration.ofHours(1));
    private static final Duration MICROSECOND = Duration.ofNanos(1_000);

    private PersistencePorts ports;
    private RefreshGrantRepository grants;
    private SessionRepository sessions;
    private TransactionRunner transactions;
    private Tenant tenant;
    private Account account;
    private Session session;

    /** The implementation under test; called once before each test. */
    protected abstract PersistencePorts ports();

    /**
     * Deletes the session straight from the store, past the ports: no port deletes sessions (they outlive even
     * their user, for the revocation feed). A store that cannot do this keeps this default, and the one test that
     * needs it is skipped for that store.
     */
    protected void deleteSessionPastThePorts(Session session) {
        Assumptions.abort("this store offers no way to delete a session");
    }

    @BeforeEach
    void setUpPortsAndASession() {
        ports = ports();
        grants = ports.refreshGrants();
        sessions = ports.sessions();
        transactions = ports.transactions();
        tenant = tenant();
        account = account(tenant);
        ports.tenants().insert(tenant);
        ports.accounts().insert(account);
        session = newSessionOf(newUser());
    }

    @Test
    void findsAnInsertedGrantWithEveryField() {
        RefreshGrant grant = refreshGrant(session, T0.plusSeconds(5));
        grants.insert(grant);

        assertThat(grants.findByHash(grant.tokenHash())).contains(grant);
    }

    @Test
    void keepsTheUseTimeOfAGrantInsertedUsed() {
        RefreshGrant used = new RefreshGrant(tokenHash(), session.id(), T0, T0.plus(REFRESH_IDLE_LIFETIME),
                Optional.of(T0.plusSeconds(7)));
        grants.insert(used);

        assertThat(grants.findByHash(used.tokenHash())).contains(used);
    }

    @Test
    void findsNothingForAnUnknownHash() {
        grants.insert(refreshGrant(session, T0));

        assertThat(grants.findByHash(tokenHash())).isEmpty();
    }

    @Test
    void rejectsASecondGrantWithTheSameHash() {
        RefreshGrant first = refreshGrant(session, T0);
        grants.insert(first);
        RefreshGrant clash = new RefreshGrant(first.tokenHash(), session.id(), NOW, NOW.plusSeconds(60), Optional.empty());

        assertThatThrownBy(() -> grants.insert(clash)).isInstanceOf(RuntimeException.class);
        assertThat(grants.findByHash(first.tokenHash())).contains(first);
    }

    @Test
    void marksAGrantUsedOnlyOnceAndKeepsTheFirstUseTime() {
        RefreshGrant grant = refreshGrant(session, T0);
        RefreshGrant sibling = refreshGrant(session, T0);
        grants.insert(grant);
        grants.insert(sibling);

        assertThat(grants.markUsed(grant.tokenHash(), NOW)).isTrue();
        assertThat(grants.markUsed(grant.tokenHash(), NOW.plusSeconds(1))).isFalse();

        assertThat(grants.findByHash(grant.tokenHash())).contains(used(grant, NOW));
        assertThat(grants.findByHash(sibling.tokenHash())).contains(sibling);
    }

    @Test
    void reportsMarkingAnUnknownGrantAsFalse() {
        assertThat(grants.markUsed(tokenHash(), NOW)).isFalse();
    }

    @Test
    void letsExactlyOneOfSixteenConcurrentRotationsMarkTheGrantUsedAndStoreASuccessor() throws InterruptedException {
        RefreshGrant grant = refreshGrant(session, T0);
        grants.insert(grant);
        List<RefreshGrant> successors = IntStream.range(0, RACERS)
                .mapToObj(i -> refreshGrant(session, NOW.plus(MICROSECOND.multipliedBy(i)))).toList();

        // As a rotation does it: mark the presented grant used and, only if that won, store its successor.
        List<Boolean> won = Race.run(RACERS, i -> () -> transactions.inTransaction(() -> {
            if (!grants.markUsed(grant.tokenHash(), successors.get(i).createdAt())) {
                return false;
            }
            grants.insert(successors.get(i));
            return true;
        }));

        assertThat(won).as("rotations that won").containsOnlyOnce(true);
        int winner = won.indexOf(true);
        assertThat(grants.findByHash(grant.tokenHash())).contains(used(grant, successors.get(winner).createdAt()));
        for (int i = 0; i < RACERS; i++) {
            assertThat(grants.findByHash(successors.get(i).tokenHash())).as("successor of racer %d", i)
                    .isEqualTo(i == winner ? Optional.of(successors.get(i)) : Optional.empty());
        }
    }

    @Test
    void rollsBackAGrantInsertedAndAGrantMarkedUsedInAFailedTransaction() {
        RefreshGrant existing = refreshGrant(session, T0);
        grants.insert(existing);
        RefreshGrant successor = refreshGrant(session, NOW);
        RuntimeException failure = new IllegalStateException("work failed after the writes");

        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            grants.markUsed(existing.tokenHash(), NOW);
            grants.insert(successor);
            throw failure;
        })).isSameAs(failure);

        assertThat(grants.findByHash(existing.tokenHash())).contains(existing);
        assertThat(grants.findByHash(successor.tokenHash())).isEmpty();
        assertThat(grants.markUsed(existing.tokenHash(), NOW.plusSeconds(1))).as("still unused, so usable once").isTrue();
    }

    @Test
    void removesTheGrantsOfASessionWithTheSession() {
        Session ending = newSessionOf(newUser());
        RefreshGrant endingsGrant = refreshGrant(ending, T0);
        RefreshGrant endingsUsedGrant = refreshGrant(ending, T0);
        RefreshGrant staying = refreshGrant(session, T0);
        List.of(endingsGrant, endingsUsedGrant, staying).forEach(grants::insert);
        grants.markUsed(endingsUsedGrant.tokenHash(), NOW);

        deleteSessionPastThePorts(ending);

        assertThat(sessions.findById(tenant.id(), ending.id())).isEmpty();
        assertThat(grants.findByHash(endingsGrant.tokenHash())).isEmpty();
        assertThat(grants.findByHash(endingsUsedGrant.tokenHash())).isEmpty();
        assertThat(grants.findByHash(staying.tokenHash())).contains(staying);
        assertThat(sessions.findById(tenant.id(), session.id())).contains(session);
    }

    private User newUser() {
        User user = user(account, uniqueEmail());
        ports.users().insert(user);
        return user;
    }

    private Session newSessionOf(User user) {
        Session opened = session(user, T0);
        sessions.insert(opened);
        return opened;
    }

    private static RefreshGrant used(RefreshGrant g, Instant at) {
        return new RefreshGrant(g.tokenHash(), g.sessionId(), g.createdAt(), g.expiresAt(), Optional.of(at));
    }
}
