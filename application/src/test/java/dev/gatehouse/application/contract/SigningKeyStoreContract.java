package dev.gatehouse.application.contract;

import static dev.gatehouse.application.contract.PersistenceMother.account;
import static dev.gatehouse.application.contract.PersistenceMother.signingKey;
import static dev.gatehouse.application.contract.PersistenceMother.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.signingkeys.port.out.SigningKeyStore;
import dev.gatehouse.application.signingkeys.port.out.SigningKeyStore.StoredSigningKey;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.domain.account.Account;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SigningKeyStore} must do; extended once per implementation. Keys are compared field by
 * field, as a record with a byte array is not equal to its copy.
 */
public abstract class SigningKeyStoreContract {
    private static final int RACERS = 8;

    private PersistencePorts ports;
    private SigningKeyStore keys;
    private TransactionRunner transactions;
    private Tenant tenant;
    private Tenant otherTenant;

    /** The implementation under test; called once before each test. */
    protected abstract PersistencePorts ports();

    @BeforeEach
    void setUpPortsAndTenants() {
        ports = ports();
        keys = ports.signingKeys();
        transactions = ports.transactions();
        tenant = tenant();
        otherTenant = tenant();
        ports.tenants().insert(tenant);
        ports.tenants().insert(otherTenant);
    }

    @Test
    void storesTheFirstKeyOfATenantWithEveryFieldAndReturnsIt() {
        StoredSigningKey key = signingKey(tenant.id());

        assertThat(keys.insertActiveIfAbsent(key)).usingRecursiveComparison().isEqualTo(key);
        assertThat(keys.findByTenant(tenant.id())).usingRecursiveFieldByFieldElementComparator().containsExactly(key);
    }

    @Test
    void keepsTheActiveKeyAndReturnsItWhenAnotherIsOffered() {
        StoredSigningKey first = signingKey(tenant.id());
        keys.insertActiveIfAbsent(first);

        assertThat(keys.insertActiveIfAbsent(signingKey(tenant.id()))).usingRecursiveComparison().isEqualTo(first);
        assertThat(keys.findByTenant(tenant.id())).usingRecursiveFieldByFieldElementComparator().containsExactly(first);
    }

    @Test
    void keepsEachTenantsKeysApart() {
        StoredSigningKey mine = signingKey(tenant.id());
        StoredSigningKey theirs = signingKey(otherTenant.id());

        assertThat(keys.insertActiveIfAbsent(mine)).usingRecursiveComparison().isEqualTo(mine);
        assertThat(keys.insertActiveIfAbsent(theirs)).usingRecursiveComparison().isEqualTo(theirs);
        assertThat(keys.findByTenant(tenant.id())).usingRecursiveFieldByFieldElementComparator().containsExactly(mine);
        assertThat(keys.findByTenant(otherTenant.id())).usingRecursiveFieldByFieldElementComparator()
                .containsExactly(theirs);
    }

    @Test
    void findsNoKeysForATenantWithoutAny() {
        keys.insertActiveIfAbsent(signingKey(tenant.id()));

        assertThat(keys.findByTenant(otherTenant.id())).isEmpty();
        assertThat(keys.findByTenant(new TenantId(UUID.randomUUID()))).isEmpty();
    }

    @Test
    void leavesTheCallersTransactionUsableWhenItsKeyLoses() {
        StoredSigningKey winner = signingKey(tenant.id());
        keys.insertActiveIfAbsent(winner);
        Account account = account(tenant);

        StoredSigningKey returned = transactions.inTransaction(() -> {
            StoredSigningKey active = keys.insertActiveIfAbsent(signingKey(tenant.id()));
            ports.accounts().insert(account);
            return active;
        });

        assertThat(returned).usingRecursiveComparison().isEqualTo(winner);
        assertThat(ports.accounts().findById(tenant.id(), account.id())).contains(account);
    }

    @Test
    void letsExactlyOneOfConcurrentlyOfferedKeysBecomeActive() throws InterruptedException {
        List<StoredSigningKey> offered = new ArrayList<>();
        List<Future<StoredSigningKey>> outcomes = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(RACERS);
        try {
            for (int i = 0; i < RACERS; i++) {
                StoredSigningKey key = signingKey(tenant.id());
                offered.add(key);
                outcomes.add(threads.submit(() -> {
                    start.await();
                    return keys.insertActiveIfAbsent(key);
                }));
            }
            start.countDown();
            threads.shutdown();
            assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).as("all inserts finished in time").isTrue();
        } finally {
            threads.shutdownNow();
        }

        List<StoredSigningKey> returned = new ArrayList<>();
        for (Future<StoredSigningKey> outcome : outcomes) {
            try {
                returned.add(outcome.get());
            } catch (ExecutionException e) {
                throw new AssertionError("insertActiveIfAbsent failed instead of returning the winner", e.getCause());
            }
        }
        StoredSigningKey winner = returned.get(0);
        assertThat(offered).extracting(StoredSigningKey::keyId).contains(winner.keyId());
        assertThat(returned).usingRecursiveFieldByFieldElementComparator().containsOnly(winner);
        assertThat(keys.findByTenant(tenant.id())).usingRecursiveFieldByFieldElementComparator().containsExactly(winner);
    }

    @Test
    void rotationRetiresTheActiveKeyUntilTheGivenInstantAndActivatesTheNextOne() {
        StoredSigningKey first = signingKey(tenant.id(), java.time.Instant.parse("2026-01-01T00:00:00Z"));
        keys.insertActiveIfAbsent(first);
        StoredSigningKey second = signingKey(tenant.id(), java.time.Instant.parse("2026-02-01T00:00:00Z"));
        java.time.Instant verifyUntil = java.time.Instant.parse("2026-02-01T12:00:00Z");

        keys.rotate(tenant.id(), second, verifyUntil);

        List<StoredSigningKey> found = keys.findByTenant(tenant.id());
        assertThat(found).extracting(StoredSigningKey::keyId).containsExactly(second.keyId(), first.keyId());
        assertThat(found.get(0).isActive()).isTrue();
        assertThat(found.get(1).verifyUntil()).contains(verifyUntil);
        assertThat(found.get(1).verifies(verifyUntil.minusSeconds(1))).isTrue();
        assertThat(found.get(1).verifies(verifyUntil)).isFalse();
        // The next offer of a first key finds the rotated-in key active.
        assertThat(keys.insertActiveIfAbsent(signingKey(tenant.id())).keyId()).isEqualTo(second.keyId());
    }

    @Test
    void listsTheActiveKeyFirstEvenWhenARetiredOneIsNewer() {
        StoredSigningKey old = signingKey(tenant.id(), java.time.Instant.parse("2026-03-01T00:00:00Z"));
        keys.insertActiveIfAbsent(old);
        StoredSigningKey olderButNext = signingKey(tenant.id(), java.time.Instant.parse("2026-01-01T00:00:00Z"));
        keys.rotate(tenant.id(), olderButNext, java.time.Instant.parse("2026-04-01T00:00:00Z"));

        assertThat(keys.findByTenant(tenant.id()).get(0).keyId()).isEqualTo(olderButNext.keyId());
    }

    @Test
    void rotatingATenantWithoutKeysJustActivatesTheNextOne() {
        StoredSigningKey next = signingKey(tenant.id());
        keys.rotate(tenant.id(), next, java.time.Instant.parse("2026-04-01T00:00:00Z"));

        assertThat(keys.findByTenant(tenant.id())).singleElement()
                .satisfies(k -> assertThat(k.isActive()).isTrue());
    }

    @Test
    void findsTenantsWhoseActiveKeyIsDueAndListsAllKeys() {
        keys.insertActiveIfAbsent(signingKey(tenant.id(), java.time.Instant.parse("2026-01-01T00:00:00Z")));
        keys.insertActiveIfAbsent(signingKey(otherTenant.id(), java.time.Instant.parse("2026-03-01T00:00:00Z")));
        keys.rotate(tenant.id(), signingKey(tenant.id(), java.time.Instant.parse("2026-02-01T00:00:00Z")),
                java.time.Instant.parse("2026-02-02T00:00:00Z"));

        assertThat(keys.tenantsWithActiveKeyCreatedBefore(java.time.Instant.parse("2026-02-15T00:00:00Z")))
                .contains(tenant.id()).doesNotContain(otherTenant.id());
        assertThat(keys.findAll()).filteredOn(k -> k.tenantId().equals(tenant.id()) || k.tenantId().equals(otherTenant.id()))
                .hasSize(3);
    }
}
