package dev.gatehouse.application.tenants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.fakes.FakeWorld;
import dev.gatehouse.application.fakes.StoreOutage;
import dev.gatehouse.application.port.out.TenantRepository;
import dev.gatehouse.domain.error.StorageUnavailable;
import dev.gatehouse.domain.tenant.Tenant;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * While the database is away, tenants this process read recently are served as last read (ADR 0030), so that
 * token-only requests keep working from their caches; anything else waits for the database.
 */
class TenantDirectoryOutageTest {
    private final FakeWorld world = new FakeWorld();
    private final StoreOutage outage = new StoreOutage();
    private final Tenant tenant = world.newTenant("pk_outage");

    @Test
    void aTenantReadBeforeTheOutageIsServedAsLastReadForABoundedTime() throws InterruptedException {
        TenantDirectory directory = new TenantDirectory(outage.around(TenantRepository.class, world.tenants),
                Duration.ofMillis(1), Duration.ofMillis(300));
        assertThat(directory.byPublishableKey("pk_outage")).isEqualTo(tenant);
        assertThat(directory.allowedOriginsOfAllTenants()).isNotEmpty();
        Thread.sleep(5); // past the TTL: a look-up now goes to the store

        outage.begin();
        assertThat(directory.byPublishableKey("pk_outage")).isEqualTo(tenant);
        assertThat(directory.allowedOriginsOfAllTenants()).isNotEmpty();
    }

    @Test
    void whatWasNeverReadOrWasReadTooLongAgoWaitsForTheDatabase() throws InterruptedException {
        TenantDirectory directory = new TenantDirectory(outage.around(TenantRepository.class, world.tenants),
                Duration.ofMillis(1), Duration.ofMillis(20));
        directory.byPublishableKey("pk_outage");
        outage.begin();

        assertThatThrownBy(() -> directory.byPublishableKey("pk_never_read")).isInstanceOf(StorageUnavailable.class);
        assertThatThrownBy(() -> directory.require(tenant.id())).as("never read by id").isInstanceOf(StorageUnavailable.class);
        assertThatThrownBy(() -> directory.allowedOriginsOfAllTenants()).isInstanceOf(StorageUnavailable.class);
        Thread.sleep(40);
        assertThatThrownBy(() -> directory.byPublishableKey("pk_outage")).isInstanceOf(StorageUnavailable.class);

        outage.end();
        assertThat(directory.byPublishableKey("pk_outage")).isEqualTo(tenant);
    }
}
