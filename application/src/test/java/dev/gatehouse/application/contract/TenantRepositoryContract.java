package dev.gatehouse.application.contract;

import static dev.gatehouse.application.contract.PersistenceMother.T0;
import static dev.gatehouse.application.contract.PersistenceMother.tenant;
import static dev.gatehouse.application.contract.PersistenceMother.tokenHash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.port.out.TenantRepository;
import dev.gatehouse.application.port.out.TenantRepository.PublishableKey;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.domain.policy.PasswordPolicy;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.tenant.TenantSettings;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link TenantRepository} must do; extended once per implementation. */
public abstract class TenantRepositoryContract {
    private TenantRepository tenants;
    private TransactionRunner transactions;

    /** The implementation under test; called once before each test. */
    protected abstract PersistencePorts ports();

    @BeforeEach
    void setUpPorts() {
        PersistencePorts ports = ports();
        tenants = ports.tenants();
        transactions = ports.transactions();
    }

    @Test
    void findsInsertedTenantByIdWithEveryField() {
        Tenant tenant = tenant();
        tenants.insert(tenant);

        assertThat(tenants.findById(tenant.id())).contains(tenant);
    }

    @Test
    void findsTenantByItsPublishableKey() {
        Tenant tenant = tenant();
        tenants.insert(tenant);

        assertThat(tenants.findByPublishableKey(tenant.publicKey())).contains(tenant);
    }

    @Test
    void findsNothingForUnknownIdOrPublishableKey() {
        tenants.insert(tenant());

        assertThat(tenants.findById(new TenantId(UUID.randomUUID()))).isEmpty();
        assertThat(tenants.findByPublishableKey("pk_" + UUID.randomUUID())).isEmpty();
    }

    @Test
    void keepsAnyOriginAndNoOriginsApart() {
        Tenant anyOrigin = withOrigins(tenant(), Set.of(TenantSettings.ANY_ORIGIN));
        Tenant noOrigins = withOrigins(tenant(), Set.of());
        tenants.insert(anyOrigin);
        tenants.insert(noOrigins);

        assertThat(tenants.findById(anyOrigin.id())).contains(anyOrigin);
        assertThat(tenants.findById(noOrigins.id())).hasValueSatisfying(
                found -> assertThat(found.settings().allowedOrigins()).isEmpty());
    }

    @Test
    void listsAllTenantsOldestFirst() {
        Tenant newest = tenant(T0.plusSeconds(20));
        Tenant oldest = tenant(T0.minusSeconds(20));
        Tenant middle = tenant(T0);
        tenants.insert(newest);
        tenants.insert(oldest);
        tenants.insert(middle);
        List<TenantId> mine = List.of(newest.id(), oldest.id(), middle.id());

        assertThat(tenants.findAll()).filteredOn(tenant -> mine.contains(tenant.id()))
                .containsExactly(oldest, middle, newest);
    }

    @Test
    void rejectsTenantWithATakenPublishableKeyAndStoresNothingOfIt() {
        Tenant first = tenant();
        tenants.insert(first);
        Tenant second = new Tenant(new TenantId(UUID.randomUUID()), "Second", first.publicKey(),
                TenantSettings.DEFAULT, T0);

        assertThatThrownBy(() -> tenants.insert(second)).isInstanceOf(RuntimeException.class);
        assertThat(tenants.findById(second.id())).isEmpty();
        assertThat(tenants.findByPublishableKey(first.publicKey())).contains(first);
    }

    @Test
    void commitsTenantInsertedInATransaction() {
        Tenant tenant = tenant();

        Tenant returned = transactions.inTransaction(() -> {
            tenants.insert(tenant);
            return tenant;
        });

        assertThat(returned).isSameAs(tenant);
        assertThat(tenants.findByPublishableKey(tenant.publicKey())).contains(tenant);
    }

    @Test
    void rollsBackTenantInsertedInATransactionThatThrows() {
        Tenant tenant = tenant();
        RuntimeException failure = new IllegalStateException("work failed after the insert");

        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            tenants.insert(tenant);
            throw failure;
        })).isSameAs(failure);

        assertThat(tenants.findById(tenant.id())).isEmpty();
        assertThat(tenants.findByPublishableKey(tenant.publicKey())).isEmpty();
    }

    @Test
    void addsAPublishableKeyThatSelectsTheTenantAndListsItAfterTheFirst() {
        Tenant tenant = tenant();
        Tenant otherTenant = tenant();
        tenants.insert(tenant);
        tenants.insert(otherTenant);
        String added = "pk_" + UUID.randomUUID();

        tenants.addPublishableKey(tenant.id(), added, T0.plusSeconds(60));

        assertThat(tenants.findByPublishableKey(added)).contains(tenant);
        assertThat(tenants.findByPublishableKey(tenant.publicKey())).contains(tenant);
        assertThat(tenants.findById(tenant.id())).as("the tenant's public key is still its first").contains(tenant);
        assertThat(tenants.findPublishableKeys(tenant.id())).containsExactly(
                new PublishableKey(tenant.publicKey(), tenant.created(), Optional.empty()),
                new PublishableKey(added, T0.plusSeconds(60), Optional.empty()));
        assertThat(tenants.findPublishableKeys(otherTenant.id())).containsExactly(
                new PublishableKey(otherTenant.publicKey(), otherTenant.created(), Optional.empty()));
        assertThat(tenants.findPublishableKeys(new TenantId(UUID.randomUUID()))).isEmpty();
    }

    @Test
    void refusesAPublishableKeyThatIsTakenOrOfAnUnknownTenant() {
        Tenant tenant = tenant();
        Tenant otherTenant = tenant();
        tenants.insert(tenant);
        tenants.insert(otherTenant);
        TenantId unknown = new TenantId(UUID.randomUUID());
        String orphan = "pk_" + UUID.randomUUID();

        assertThatThrownBy(() -> tenants.addPublishableKey(tenant.id(), otherTenant.publicKey(), T0.plusSeconds(1)))
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> tenants.addPublishableKey(unknown, orphan, T0.plusSeconds(1)))
                .isInstanceOf(RuntimeException.class);

        assertThat(tenants.findByPublishableKey(otherTenant.publicKey())).contains(otherTenant);
        assertThat(tenants.findByPublishableKey(orphan)).isEmpty();
        assertThat(tenants.findPublishableKeys(tenant.id())).extracting(PublishableKey::key)
                .containsExactly(tenant.publicKey());
    }

    @Test
    void revokesALivePublishableKeyOfTheTenantOnce() {
        Tenant tenant = tenant();
        Tenant otherTenant = tenant();
        tenants.insert(tenant);
        tenants.insert(otherTenant);
        String added = "pk_" + UUID.randomUUID();
        tenants.addPublishableKey(tenant.id(), added, T0.plusSeconds(60));

        assertThat(tenants.revokePublishableKey(otherTenant.id(), tenant.publicKey(), T0.plusSeconds(90))).isFalse();
        assertThat(tenants.revokePublishableKey(tenant.id(), "pk_" + UUID.randomUUID(), T0.plusSeconds(90))).isFalse();
        assertThat(tenants.revokePublishableKey(tenant.id(), tenant.publicKey(), T0.plusSeconds(120))).isTrue();
        assertThat(tenants.revokePublishableKey(tenant.id(), tenant.publicKey(), T0.plusSeconds(180))).isFalse();

        assertThat(tenants.findByPublishableKey(tenant.publicKey())).isEmpty();
        assertThat(tenants.findByPublishableKey(added)).contains(tenant);
        assertThat(tenants.findById(tenant.id())).contains(tenant);
        assertThat(tenants.findPublishableKeys(tenant.id())).containsExactly(
                new PublishableKey(tenant.publicKey(), tenant.created(), Optional.of(T0.plusSeconds(120))),
                new PublishableKey(added, T0.plusSeconds(60), Optional.empty()));
        assertThat(tenants.findByPublishableKey(otherTenant.publicKey())).contains(otherTenant);
    }

    @Test
    void findsTheHolderOfAPublishableKeyLiveOrRevoked() {
        Tenant tenant = tenant();
        Tenant otherTenant = tenant();
        tenants.insert(tenant);
        tenants.insert(otherTenant);
        String added = "pk_" + UUID.randomUUID();
        tenants.addPublishableKey(tenant.id(), added, T0.plusSeconds(60));
        tenants.revokePublishableKey(tenant.id(), tenant.publicKey(), T0.plusSeconds(120));

        assertThat(tenants.findHolderOfPublishableKey(tenant.publicKey())).contains(tenant.id());
        assertThat(tenants.findHolderOfPublishableKey(added)).contains(tenant.id());
        assertThat(tenants.findHolderOfPublishableKey(otherTenant.publicKey())).contains(otherTenant.id());
        assertThat(tenants.findHolderOfPublishableKey("pk_" + UUID.randomUUID())).isEmpty();
    }

    @Test
    void rollsBackAPublishableKeyAddedAndOneRevokedInATransactionThatThrows() {
        Tenant tenant = tenant();
        tenants.insert(tenant);
        String added = "pk_" + UUID.randomUUID();
        RuntimeException failure = new IllegalStateException("work failed after the writes");

        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            tenants.addPublishableKey(tenant.id(), added, T0.plusSeconds(60));
            tenants.revokePublishableKey(tenant.id(), tenant.publicKey(), T0.plusSeconds(60));
            throw failure;
        })).isSameAs(failure);

        assertThat(tenants.findByPublishableKey(added)).isEmpty();
        assertThat(tenants.findByPublishableKey(tenant.publicKey())).contains(tenant);
        assertThat(tenants.findPublishableKeys(tenant.id())).containsExactly(
                new PublishableKey(tenant.publicKey(), tenant.created(), Optional.empty()));
    }

    @Test
    void hasNoRootTokenHashUntilOneIsSet() {
        Tenant tenant = tenant();
        tenants.insert(tenant);

        assertThat(tenants.findRootTokenHash(tenant.id())).isEmpty();
        assertThat(tenants.findRootTokenHash(new TenantId(UUID.randomUUID()))).isEmpty();
    }

    @Test
    void keepsTheRootTokenHashOfEachTenantAndReplacesItWhenSetAgain() {
        Tenant tenant = tenant();
        Tenant otherTenant = tenant();
        String first = tokenHash();
        String second = tokenHash();
        String others = tokenHash();
        transactions.inTransaction(() -> {
            tenants.insert(tenant); // as provisioning does: the tenant and its root token in one unit of work
            tenants.setRootTokenHash(tenant.id(), first);
            return null;
        });
        tenants.insert(otherTenant);

        assertThat(tenants.findRootTokenHash(tenant.id())).contains(first);
        assertThat(tenants.findRootTokenHash(otherTenant.id())).isEmpty();

        tenants.setRootTokenHash(tenant.id(), second);
        tenants.setRootTokenHash(otherTenant.id(), others);

        assertThat(tenants.findRootTokenHash(tenant.id())).contains(second);
        assertThat(tenants.findRootTokenHash(otherTenant.id())).contains(others);
        assertThat(tenants.findById(tenant.id())).contains(tenant);
        assertThat(tenants.findByPublishableKey(tenant.publicKey())).contains(tenant);
    }

    @Test
    void refusesARootTokenHashForAnUnknownTenant() {
        TenantId unknown = new TenantId(UUID.randomUUID());

        assertThatThrownBy(() -> tenants.setRootTokenHash(unknown, tokenHash())).isInstanceOf(RuntimeException.class);
        assertThat(tenants.findRootTokenHash(unknown)).isEmpty();
    }

    @Test
    void rollsBackARootTokenHashReplacedInATransactionThatThrows() {
        Tenant tenant = tenant();
        tenants.insert(tenant);
        String kept = tokenHash();
        tenants.setRootTokenHash(tenant.id(), kept);
        RuntimeException failure = new IllegalStateException("work failed after the replacement");

        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            tenants.setRootTokenHash(tenant.id(), tokenHash());
            throw failure;
        })).isSameAs(failure);

        assertThat(tenants.findRootTokenHash(tenant.id())).contains(kept);
    }

    @Test
    void replacesTheSettingsAndEveryLookupSeesThem() {
        Tenant tenant = tenant();
        tenants.insert(tenant);
        TenantSettings changed = TenantSettings.DEFAULT.withRequireEmailVerification(true)
                .withAllowedOrigins(Set.of("https://other.example.com"));

        tenants.updateSettings(tenant.id(), changed);

        assertThat(tenants.findById(tenant.id())).hasValueSatisfying(found -> assertThat(found.settings()).isEqualTo(changed));
        assertThat(tenants.findByPublishableKey(tenant.publicKey()))
                .hasValueSatisfying(found -> assertThat(found.settings()).isEqualTo(changed));
        assertThat(tenants.findAll()).filteredOn(found -> found.id().equals(tenant.id()))
                .singleElement().satisfies(found -> assertThat(found.settings()).isEqualTo(changed));
        assertThat(transactions.inTransaction(() -> tenants.findSettingsForUpdate(tenant.id()))).contains(changed);
    }

    @Test
    void keepsDefaultSettingsAsDefaults() {
        Tenant tenant = new Tenant(new TenantId(UUID.randomUUID()), "Defaults", "pk_" + UUID.randomUUID(),
                TenantSettings.DEFAULT, T0);
        tenants.insert(tenant);

        assertThat(tenants.findById(tenant.id())).contains(tenant);
        assertThat(transactions.inTransaction(() -> tenants.findSettingsForUpdate(tenant.id())))
                .contains(TenantSettings.DEFAULT);
    }

    @Test
    void findsNoSettingsAndRefusesToUpdateThemForAnUnknownTenant() {
        TenantId unknown = new TenantId(UUID.randomUUID());

        assertThat(transactions.inTransaction(() -> tenants.findSettingsForUpdate(unknown))).isEmpty();
        assertThatThrownBy(() -> tenants.updateSettings(unknown, TenantSettings.DEFAULT))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rollsBackSettingsReplacedInATransactionThatThrows() {
        Tenant tenant = tenant();
        tenants.insert(tenant);
        RuntimeException failure = new IllegalStateException("work failed after the update");

        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            tenants.updateSettings(tenant.id(), TenantSettings.DEFAULT);
            throw failure;
        })).isSameAs(failure);

        assertThat(tenants.findById(tenant.id())).contains(tenant);
    }

    private static Tenant withOrigins(Tenant tenant, Set<String> origins) {
        return new Tenant(tenant.id(), tenant.name(), tenant.publicKey(),
                new TenantSettings(origins, PasswordPolicy.DEFAULT), tenant.created());
    }
}
