package dev.gatehouse.application.contract;

import static dev.gatehouse.application.contract.PersistenceMother.T0;
import static dev.gatehouse.application.contract.PersistenceMother.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.port.out.TenantRepository;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.domain.policy.PasswordPolicy;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.tenant.TenantSettings;
import java.util.List;
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

    private static Tenant withOrigins(Tenant tenant, Set<String> origins) {
        return new Tenant(tenant.id(), tenant.name(), tenant.publicKey(),
                new TenantSettings(origins, PasswordPolicy.DEFAULT), tenant.created());
    }
}
