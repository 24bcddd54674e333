package dev.gatehouse.application.contract;

import static dev.gatehouse.application.contract.PersistenceMother.T0;
import static dev.gatehouse.application.contract.PersistenceMother.secretKey;
import static dev.gatehouse.application.contract.PersistenceMother.tenant;
import static dev.gatehouse.application.contract.PersistenceMother.tokenHash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.apikeys.port.out.SecretKeyRepository;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.apikey.SecretKey;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link SecretKeyRepository} must do; extended once per implementation. */
public abstract class SecretKeyRepositoryContract {
    private static final int RACERS = 16;
    private static final Instant NOW = T0.plus(Duration.ofHours(1));
    private static final Duration MICROSECOND = Duration.ofNanos(1_000);

    private PersistencePorts ports;
    private SecretKeyRepository keys;
    private TransactionRunner transactions;
    private Tenant tenant;
    private Tenant otherTenant;

    /** The implementation under test; called once before each test. */
    protected abstract PersistencePorts ports();

    @BeforeEach
    void setUpPortsAndTwoTenants() {
        ports = ports();
        keys = ports.secretKeys();
        transactions = ports.transactions();
        tenant = tenant();
        otherTenant = tenant();
        ports.tenants().insert(tenant);
        ports.tenants().insert(otherTenant);
    }

    @Test
    void findsAnInsertedKeyByItsHashWithEveryField() {
        SecretKey key = secretKey(tenant.id(), T0.plusSeconds(5));
        String hash = tokenHash();
        keys.insert(key, hash);

        assertThat(keys.findByHash(hash)).contains(key);
    }

    @Test
    void keepsTheUseAndRevocationTimesOfAKeyInsertedUsedAndRevoked() {
        SecretKey key = revoked(touched(secretKey(tenant.id(), T0), T0.plusSeconds(7)), T0.plusSeconds(9));
        String hash = tokenHash();
        keys.insert(key, hash);

        assertThat(keys.findByHash(hash)).contains(key);
        assertThat(keys.findByTenant(tenant.id())).containsExactly(key);
    }

    @Test
    void keepsEverySingleScopeAndAllScopesTogether() {
        List<Set<Scope>> scopeSets = new ArrayList<>();
        for (Scope scope : Scope.values()) {
            scopeSets.add(Set.of(scope));
        }
        scopeSets.add(Scope.ALL);
        for (Set<Scope> scopes : scopeSets) {
            SecretKey key = secretKey(tenant.id(), scopes, T0);
            String hash = tokenHash();
            keys.insert(key, hash);

            assertThat(keys.findByHash(hash)).as("key with scopes %s", scopes)
                    .hasValueSatisfying(found -> assertThat(found.scopes()).isEqualTo(scopes))
                    .contains(key);
        }
    }

    @Test
    void keepsAnEmptyNameAndANameOfTheMaximumLengthWithCharactersOutsideAscii() {
        // 100 UTF-16 units, as SecretKey counts them: 97 letters and 'é', then one code point that takes two.
        String longest = "k".repeat(SecretKey.MAX_NAME_LENGTH - 3) + "é" + "\uD83D\uDD11";
        assertThat(longest).hasSize(SecretKey.MAX_NAME_LENGTH);
        SecretKey unnamed = named(secretKey(tenant.id(), T0), "");
        SecretKey longNamed = named(secretKey(tenant.id(), T0.plusSeconds(1)), longest);
        String unnamedHash = tokenHash();
        String longNamedHash = tokenHash();
        keys.insert(unnamed, unnamedHash);
        keys.insert(longNamed, longNamedHash);

        assertThat(keys.findByHash(unnamedHash)).contains(unnamed);
        assertThat(keys.findByHash(longNamedHash)).contains(longNamed);
    }

    @Test
    void findsNothingForAnUnknownHash() {
        keys.insert(secretKey(tenant.id(), T0), tokenHash());

        assertThat(keys.findByHash(tokenHash())).isEmpty();
    }

    @Test
    void listsTheTenantsKeysNewestFirstRevokedOnesIncludedAndNoOtherTenantsKeys() {
        SecretKey oldest = secretKey(tenant.id(), T0.minusSeconds(20));
        SecretKey newest = secretKey(tenant.id(), T0.plusSeconds(20));
        SecretKey middle = revoked(secretKey(tenant.id(), T0), T0.plusSeconds(30));
        SecretKey others = secretKey(otherTenant.id(), T0.plusSeconds(10));
        List.of(middle, oldest, others, newest).forEach(key -> keys.insert(key, tokenHash()));

        assertThat(keys.findByTenant(tenant.id())).containsExactly(newest, middle, oldest);
        assertThat(keys.findByTenant(otherTenant.id())).containsExactly(others);
        assertThat(keys.findByTenant(new TenantId(UUID.randomUUID()))).isEmpty();
    }

    @Test
    void revokesALiveKeyOnceAndKeepsTheFirstRevocationTime() {
        SecretKey key = secretKey(tenant.id(), T0);
        SecretKey sibling = secretKey(tenant.id(), T0);
        String hash = tokenHash();
        String siblingHash = tokenHash();
        keys.insert(key, hash);
        keys.insert(sibling, siblingHash);

        assertThat(keys.revoke(tenant.id(), key.id(), NOW)).isTrue();
        assertThat(keys.revoke(tenant.id(), key.id(), NOW.plusSeconds(1))).isFalse();

        assertThat(keys.findByHash(hash)).contains(revoked(key, NOW));
        assertThat(keys.findByHash(hash)).hasValueSatisfying(found -> assertThat(found.isLive()).isFalse());
        assertThat(keys.findByHash(siblingHash)).contains(sibling);
    }

    @Test
    void refusesToRevokeAKeyThroughAnotherTenantAndLeavesItLive() {
        SecretKey key = secretKey(tenant.id(), T0);
        String hash = tokenHash();
        keys.insert(key, hash);

        assertThat(keys.revoke(otherTenant.id(), key.id(), NOW)).isFalse();

        assertThat(keys.findByHash(hash)).contains(key);
        assertThat(keys.findByTenant(tenant.id())).containsExactly(key);
        assertThat(keys.revoke(tenant.id(), key.id(), NOW.plusSeconds(1))).as("still live, so revocable once").isTrue();
    }

    @Test
    void reportsRevokingAnUnknownKeyAsFalse() {
        assertThat(keys.revoke(tenant.id(), UUID.randomUUID(), NOW)).isFalse();
    }

    @Test
    void letsExactlyOneOfSixteenConcurrentRevocationsWinAndKeepsItsTime() throws InterruptedException {
        SecretKey key = secretKey(tenant.id(), T0);
        String hash = tokenHash();
        keys.insert(key, hash);
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            times.add(NOW.plus(MICROSECOND.multipliedBy(i)));
        }

        List<Boolean> won = Race.run(RACERS,
                i -> () -> transactions.inTransaction(() -> keys.revoke(tenant.id(), key.id(), times.get(i))));

        assertThat(won).as("revocations that won").containsOnlyOnce(true);
        assertThat(keys.findByHash(hash)).contains(revoked(key, times.get(won.indexOf(true))));
    }

    @Test
    void recordsTheLatestUseOfAKeyAndChangesNothingElse() {
        SecretKey key = secretKey(tenant.id(), T0);
        SecretKey sibling = secretKey(tenant.id(), T0);
        String hash = tokenHash();
        String siblingHash = tokenHash();
        keys.insert(key, hash);
        keys.insert(sibling, siblingHash);

        keys.touch(key.id(), NOW);
        assertThat(keys.findByHash(hash)).contains(touched(key, NOW));

        keys.touch(key.id(), NOW.plusSeconds(60));
        assertThat(keys.findByHash(hash)).contains(touched(key, NOW.plusSeconds(60)));
        assertThat(keys.findByHash(siblingHash)).contains(sibling);
    }

    @Test
    void recordsAUseOfARevokedKeyWithoutUndoingTheRevocationAndIgnoresAnUnknownKey() {
        SecretKey key = secretKey(tenant.id(), T0);
        String hash = tokenHash();
        keys.insert(key, hash);
        keys.revoke(tenant.id(), key.id(), NOW);

        keys.touch(key.id(), NOW.plusSeconds(1));
        keys.touch(UUID.randomUUID(), NOW.plusSeconds(1));

        assertThat(keys.findByHash(hash)).contains(touched(revoked(key, NOW), NOW.plusSeconds(1)));
        assertThat(keys.findByTenant(tenant.id())).hasSize(1);
    }

    @Test
    void rejectsASecondKeyWithTheSameHashAndStoresNothingOfIt() {
        SecretKey first = secretKey(tenant.id(), T0);
        String hash = tokenHash();
        keys.insert(first, hash);
        SecretKey clash = secretKey(otherTenant.id(), NOW);

        assertThatThrownBy(() -> keys.insert(clash, hash)).isInstanceOf(RuntimeException.class);

        assertThat(keys.findByHash(hash)).contains(first);
        assertThat(keys.findByTenant(otherTenant.id())).isEmpty();
    }

    @Test
    void rejectsASecondKeyWithTheSameIdAndStoresNothingOfIt() {
        SecretKey first = secretKey(tenant.id(), T0);
        String hash = tokenHash();
        keys.insert(first, hash);
        SecretKey clash = named(first, "Another key with the same id");
        String clashHash = tokenHash();

        assertThatThrownBy(() -> keys.insert(clash, clashHash)).isInstanceOf(RuntimeException.class);

        assertThat(keys.findByHash(clashHash)).isEmpty();
        assertThat(keys.findByTenant(tenant.id())).containsExactly(first);
    }

    @Test
    void rollsBackAKeyInsertedAndAKeyRevokedAndTouchedInAFailedTransaction() {
        SecretKey existing = secretKey(tenant.id(), T0);
        String existingHash = tokenHash();
        keys.insert(existing, existingHash);
        SecretKey added = secretKey(tenant.id(), NOW);
        String addedHash = tokenHash();
        RuntimeException failure = new IllegalStateException("work failed after the writes");

        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            keys.insert(added, addedHash);
            keys.revoke(tenant.id(), existing.id(), NOW);
            keys.touch(existing.id(), NOW);
            throw failure;
        })).isSameAs(failure);

        assertThat(keys.findByHash(addedHash)).isEmpty();
        assertThat(keys.findByHash(existingHash)).contains(existing);
        assertThat(keys.findByTenant(tenant.id())).containsExactly(existing);
        assertThat(keys.revoke(tenant.id(), existing.id(), NOW.plusSeconds(1))).as("still live, so revocable once")
                .isTrue();
    }

    private static SecretKey named(SecretKey k, String name) {
        return new SecretKey(k.id(), k.tenantId(), name, k.displayPrefix(), k.scopes(), k.created(), k.lastUsedAt(),
                k.revokedAt());
    }

    private static SecretKey touched(SecretKey k, Instant at) {
        return new SecretKey(k.id(), k.tenantId(), k.name(), k.displayPrefix(), k.scopes(), k.created(), Optional.of(at),
                k.revokedAt());
    }

    private static SecretKey revoked(SecretKey k, Instant at) {
        return new SecretKey(k.id(), k.tenantId(), k.name(), k.displayPrefix(), k.scopes(), k.created(), k.lastUsedAt(),
                Optional.of(at));
    }
}
