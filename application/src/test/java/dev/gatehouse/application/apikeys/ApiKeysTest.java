package dev.gatehouse.application.apikeys;

import dev.gatehouse.application.fakes.AllFeatures;
import dev.gatehouse.application.support.Settings;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.fakes.FakeWorld;
import dev.gatehouse.application.apikeys.port.in.ApiKeysUseCase.CreatedSecretKey;
import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.auth.port.in.RegisterUserUseCase;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.error.ApiKeyNotFound;
import dev.gatehouse.domain.error.LastPublishableKeyRequired;
import dev.gatehouse.domain.error.NotPermitted;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.error.UnknownTenant;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
    private final FakeWorld world = new FakeWorld(Settings.DEFAULT.withTenantCacheTtl(Duration.ZERO));
    private final Tenant tenant = world.newTenant("pk_first");
    private final RootAuthority root = new RootAuthority(tenant.id());

    @Test
    void secretKeysAuthenticateWithTheirScopesAndAreStoredOnlyHashed() {
        CreatedSecretKey created = world.useCases.apiKeys().createSecretKey(root, "billing", Set.of(Scope.USERS_READ));

        assertThat(created.secret()).startsWith("sk_").hasSize(46);
        assertThat(created.key().displayPrefix()).isEqualTo(created.secret().substring(0, 10));
        assertThat(world.secretKeys.findByHash(created.secret())).isEmpty();
        RootAuthority authority = world.useCases.apiKeys().authenticateSecretKey(created.secret());
        assertThat(authority.tenantId()).isEqualTo(tenant.id());
        assertThat(authority.scopes()).containsExactly(Scope.USERS_READ);
        assertThatThrownBy(() -> authority.require(Scope.USERS_WRITE)).isInstanceOf(NotPermitted.class);
        assertThatThrownBy(() -> world.useCases.apiKeys().list(authority)).isInstanceOf(NotPermitted.class);
    }

    @Test
    void aKeyAdminCannotMintAKeyWithMoreScopesThanItHas() {
        RootAuthority keysAdmin = world.useCases.apiKeys().authenticateSecretKey(
                world.useCases.apiKeys().createSecretKey(root, "ops", Set.of(Scope.KEYS_ADMIN)).secret());

        assertThatThrownBy(() -> world.useCases.apiKeys().createSecretKey(keysAdmin, "wide", Scope.ALL))
                .isInstanceOf(NotPermitted.class);
        assertThat(world.useCases.apiKeys().createSecretKey(keysAdmin, "narrow", Set.of(Scope.KEYS_ADMIN))).isNotNull();
    }

    @Test
    void aScopedKeyCannotIntrospectOrManageSessionsWithoutTheScope() {
        Authenticated ada = world.useCases.registerUser().register(new RegisterUserUseCase.Command(tenant.id(),
                new EmailAddress("ada@x.io"), new Password("long enough"), ClientInfo.UNKNOWN, TokenProfile.NATIVE)).authenticated();
        RootAuthority readOnly = world.useCases.apiKeys().authenticateSecretKey(
                world.useCases.apiKeys().createSecretKey(root, "ro", Set.of(Scope.USERS_READ)).secret());
        RootAuthority introspector = world.useCases.apiKeys().authenticateSecretKey(
                world.useCases.apiKeys().createSecretKey(root, "api", Set.of(Scope.TOKENS_INTROSPECT)).secret());

        assertThatThrownBy(() -> world.useCases.introspect().introspect(readOnly, ada.accessToken().value()))
                .isInstanceOf(NotPermitted.class);
        assertThatThrownBy(() -> world.useCases.adminSessions().revokeAll(readOnly, ada.user().id()))
                .isInstanceOf(NotPermitted.class);
        assertThat(world.useCases.introspect().introspect(introspector, ada.accessToken().value()).active()).isTrue();
    }

    @Test
    void aRevokedSecretKeyStopsWorkingHereAtOnceAndElsewhereAfterTheLookupTtl() {
        CreatedSecretKey created = world.useCases.apiKeys().createSecretKey(root, "ci", Set.of(Scope.USERS_READ));
        AllFeatures otherProcess = new FakeWorldView(world).otherProcess();
        otherProcess.apiKeys().authenticateSecretKey(created.secret()); // cached there

        world.useCases.apiKeys().revokeSecretKey(root, created.key().id());

        assertThatThrownBy(() -> world.useCases.apiKeys().authenticateSecretKey(created.secret()))
                .isInstanceOf(Unauthenticated.class);
        world.clock.advance(ApiKeysService.LOOKUP_TTL);
        assertThatThrownBy(() -> otherProcess.apiKeys().authenticateSecretKey(created.secret()))
                .isInstanceOf(Unauthenticated.class);
        assertThatThrownBy(() -> world.useCases.apiKeys().revokeSecretKey(root, created.key().id()))
                .isInstanceOf(ApiKeyNotFound.class);
    }

    @Test
    void garbageAndForeignKeysAreRefused() {
        for (String junk : new String[] {null, "", "sk_", "sk_nothing", "pk_first", "x".repeat(300)}) {
            assertThatThrownBy(() -> world.useCases.apiKeys().authenticateSecretKey(junk))
                    .isInstanceOf(Unauthenticated.class);
        }
        Tenant other = world.newTenant("pk_other");
        CreatedSecretKey created = world.useCases.apiKeys().createSecretKey(root, "mine", Set.of(Scope.KEYS_ADMIN));
        assertThatThrownBy(() -> world.useCases.apiKeys().revokeSecretKey(new RootAuthority(other.id()),
                created.key().id())).isInstanceOf(ApiKeyNotFound.class);
        assertThatThrownBy(() -> world.useCases.apiKeys().revokeSecretKey(root, UUID.randomUUID()))
                .isInstanceOf(ApiKeyNotFound.class);
    }

    @Test
    void publishableKeysCanBeAddedAndRevokedButTheLastOneStays() {
        String second = world.useCases.apiKeys().createPublishableKey(root);

        assertThat(second).startsWith("pk_");
        assertThat(world.useCases.resolveTenant().byPublishableKey(second).id()).isEqualTo(tenant.id());
        assertThat(world.useCases.apiKeys().list(root).publishableKeys()).extracting(k -> k.key())
                .containsExactly("pk_first", second);

        world.useCases.apiKeys().revokePublishableKey(root, "pk_first");
        assertThatThrownBy(() -> world.useCases.resolveTenant().byPublishableKey("pk_first"))
                .isInstanceOf(UnknownTenant.class);
        assertThatThrownBy(() -> world.useCases.apiKeys().revokePublishableKey(root, second))
                .isInstanceOf(LastPublishableKeyRequired.class);
        assertThatThrownBy(() -> world.useCases.apiKeys().revokePublishableKey(root, "pk_first"))
                .isInstanceOf(ApiKeyNotFound.class);
    }

    @Test
    void aRevokedPublishableKeyNamesNoTenantHereAtOnceEvenWhileTheTenantIsCached() {
        FakeWorld cached = new FakeWorld(Settings.DEFAULT.withTenantCacheTtl(Duration.ofHours(1)));
        Tenant own = cached.newTenant("pk_cached");
        RootAuthority ownRoot = new RootAuthority(own.id());
        String second = cached.useCases.apiKeys().createPublishableKey(ownRoot);
        assertThat(cached.useCases.resolveTenant().byPublishableKey("pk_cached").id()).isEqualTo(own.id());

        cached.useCases.apiKeys().revokePublishableKey(ownRoot, "pk_cached");

        assertThatThrownBy(() -> cached.useCases.resolveTenant().byPublishableKey("pk_cached"))
                .isInstanceOf(UnknownTenant.class);
        assertThat(cached.useCases.resolveTenant().byPublishableKey(second).id()).isEqualTo(own.id());
    }

    /** A second set of use cases over the same stores: another server process. */
    private record FakeWorldView(FakeWorld world) {
        AllFeatures otherProcess() {
            return AllFeatures.otherProcess(world);
        }
    }
}
