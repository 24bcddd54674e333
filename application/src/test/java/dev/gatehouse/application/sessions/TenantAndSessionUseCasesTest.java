package dev.gatehouse.application.sessions;

import dev.gatehouse.application.support.Settings;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.fakes.FakeWorld;
import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.auth.port.in.RegisterUserUseCase;
import dev.gatehouse.application.tenants.port.in.SeedDevTenantUseCase;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.error.UnknownTenant;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TenantAndSessionUseCasesTest {
    private final FakeWorld world = new FakeWorld(Settings.DEFAULT.withTenantCacheTtl(Duration.ZERO));

    @Test
    void seedsTheDevTenantOnceWithItsRootUser() {
        var first = world.useCases.seedDevTenant().seed();
        var second = world.useCases.seedDevTenant().seed();

        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.tenant()).isEqualTo(first.tenant());
        User root = world.users.findByEmail(first.tenant().id(), new EmailAddress("admin@dev.com")).orElseThrow();
        assertThat(root.role()).isEqualTo(Role.ROOT);
        assertThat(world.useCases.resolveTenant().byPublishableKey(SeedDevTenantUseCase.DEV_PUBLIC_KEY))
                .isEqualTo(first.tenant());
    }

    @Test
    void theDevTenantIsPresentByItsFixedIdEvenWithEveryKeyRevoked() {
        assertThat(world.useCases.seedDevTenant().present()).isFalse();
        Tenant dev = world.useCases.seedDevTenant().seed().tenant();
        assertThat(dev.id()).isEqualTo(SeedDevTenantUseCase.DEV_TENANT_ID);

        world.tenants.addPublishableKey(dev.id(), "pk_other", world.clock.now());
        world.tenants.revokePublishableKey(dev.id(), SeedDevTenantUseCase.DEV_PUBLIC_KEY, world.clock.now());

        assertThat(world.useCases.seedDevTenant().present()).isTrue();
        assertThat(world.useCases.seedDevTenant().seed()).isEqualTo(new SeedDevTenantUseCase.Result(dev, false));
    }

    @Test
    void aDevTenantSeededBeforeItsIdWasFixedIsPresentByItsKeyLiveOrRevoked() {
        Tenant legacy = Tenant.create(new dev.gatehouse.domain.tenant.TenantId(java.util.UUID.randomUUID()), "Dev tenant",
                SeedDevTenantUseCase.DEV_PUBLIC_KEY, dev.gatehouse.domain.tenant.TenantSettings.DEFAULT, world.clock.now());
        world.tenants.insert(legacy);
        world.tenants.addPublishableKey(legacy.id(), "pk_other", world.clock.now());
        world.tenants.revokePublishableKey(legacy.id(), SeedDevTenantUseCase.DEV_PUBLIC_KEY, world.clock.now());

        assertThat(world.useCases.seedDevTenant().present()).isTrue();
        assertThat(world.useCases.seedDevTenant().seed().created()).isFalse();
    }

    @Test
    void resolvesOnlyLiveKeys() {
        Tenant tenant = world.newTenant("pk_live");

        assertThat(world.useCases.resolveTenant().byPublishableKey("pk_live")).isEqualTo(tenant);
        for (String bad : new String[] {null, "", "  ", "pk_unknown", "x".repeat(500)}) {
            assertThatThrownBy(() -> world.useCases.resolveTenant().byPublishableKey(bad))
                    .isInstanceOf(UnknownTenant.class);
        }
    }

    @Test
    void unionsAllowedOriginsOfAllTenants() {
        world.newTenant("pk_a");
        assertThat(world.useCases.allowedOrigins().allowedOriginsOfAllTenants()).containsExactly("*");
    }

    @Test
    void currentUserFollowsTheStoredStateNotTheToken() {
        Tenant tenant = world.newTenant("pk_me");
        Authenticated signedUp = world.useCases.registerUser().register(new RegisterUserUseCase.Command(
                tenant.id(), new EmailAddress("me@x.io"), new Password("long enough"), ClientInfo.UNKNOWN, TokenProfile.COMPAT)).authenticated();
        var principal = world.useCases.authenticate().authenticate(tenant.id(), signedUp.accessToken().value());

        assertThat(world.useCases.currentUser().currentUser(principal).email().value()).isEqualTo("me@x.io");

        User u = signedUp.user();
        world.users.restore(new java.util.LinkedHashMap<>(java.util.Map.of(u.id(), User.restore(u.id(), u.tenantId(),
                u.accountId(), u.email(), u.passwordHash(), u.role(), u.created(), UserStatus.DISABLED))));
        // A change made behind the use cases' back (no session ended) shows once the cached entry ages out;
        // the real changes end the sessions and show at once (CurrentUserCacheTest).
        world.clock.advance(GetCurrentUserService.MAX_AGE);
        assertThatThrownBy(() -> world.useCases.currentUser().currentUser(principal))
                .isInstanceOf(Unauthenticated.class);
    }

    @Test
    void missingBearerTokenIsUnauthenticated() {
        Tenant tenant = world.newTenant("pk_x");
        assertThatThrownBy(() -> world.useCases.authenticate().authenticate(tenant.id(), " "))
                .isInstanceOfSatisfying(Unauthenticated.class,
                        e -> assertThat(e.reason()).isEqualTo(Unauthenticated.Reason.MISSING));
    }

    @Test
    void readinessFollowsTheDatabase() {
        assertThat(world.useCases.readiness().isReady()).isTrue();
        world.databaseHealthy = false;
        assertThat(world.useCases.readiness().isReady()).isFalse();
    }
}
