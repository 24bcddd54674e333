package dev.gatehouse.application.sessions;

import dev.gatehouse.application.support.Settings;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.fakes.FakeWorld;
import dev.gatehouse.application.accounts.port.in.AddAccountUserUseCase;
import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.auth.port.in.LoginUseCase;
import dev.gatehouse.application.auth.port.in.RegisterUserUseCase;
import dev.gatehouse.application.sessions.port.in.SignOutUseCase;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.session.RevocationReason;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import dev.gatehouse.domain.user.User;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * GET /me's user comes from a cache keyed by session (ADR 0020): warm, it reads nothing from the store;
 * it stays correct because every change of who a user is ends the user's sessions.
 */
class CurrentUserCacheTest {
    private static final Password PASSWORD = new Password("long enough");

    private final FakeWorld world = new FakeWorld(Settings.DEFAULT.withTenantCacheTtl(Duration.ZERO));
    private final Tenant tenant = world.newTenant("pk_cache");

    private Authenticated register(String email) {
        return world.useCases.registerUser().register(new RegisterUserUseCase.Command(tenant.id(),
                new EmailAddress(email), PASSWORD, ClientInfo.UNKNOWN, TokenProfile.NATIVE)).authenticated();
    }

    private Principal principal(Authenticated signedIn) {
        return world.useCases.authenticate().authenticate(tenant.id(), signedIn.accessToken().value());
    }

    private User me(Authenticated signedIn) {
        return world.useCases.currentUser().currentUser(principal(signedIn));
    }

    @Test
    void aWarmSessionIsAnsweredWithoutReadingTheStoreUntilTheEntryAges() {
        Authenticated alice = register("alice@cache.io");
        assertThat(me(alice).email().value()).isEqualTo("alice@cache.io");

        // Take the row away behind the cache's back: a warm request does not notice, because it reads nothing.
        world.users.restore(new LinkedHashMap<>());
        assertThat(me(alice).email().value()).isEqualTo("alice@cache.io");

        world.clock.advance(GetCurrentUserService.MAX_AGE);
        assertThatThrownBy(() -> me(alice)).isInstanceOf(Unauthenticated.class);
    }

    @Test
    void entriesOlderThanTheirAgeAreSweptOutSoALongRunHoldsOnlyRecentSessions() {
        for (int i = 0; i < 20; i++) {
            me(register("user" + i + "@sweep.io"));
        }
        assertThat(world.useCases.sessions.userCacheStats().size()).isEqualTo(20);

        world.clock.advance(GetCurrentUserService.MAX_AGE);
        Authenticated late = register("late@sweep.io");
        me(late);
        assertThat(world.useCases.sessions.userCacheStats().size()).as("the 20 aged entries went at the next miss")
                .isEqualTo(1);
        me(register("later@sweep.io"));
        assertThat(world.useCases.sessions.userCacheStats().size()).as("a fresh entry is kept").isEqualTo(2);
    }

    @Test
    void countsHitsAndMissesForTheOperatorsMetrics() {
        Authenticated alice = register("alice@cache.io");
        dev.gatehouse.application.port.in.CacheStats before = world.useCases.sessions.userCacheStats();

        me(alice);
        me(alice);
        me(alice);

        dev.gatehouse.application.port.in.CacheStats after = world.useCases.sessions.userCacheStats();
        assertThat(after.misses() - before.misses()).isEqualTo(1);
        assertThat(after.hits() - before.hits()).isEqualTo(2);
        assertThat(after.size()).isPositive();
    }

    @Test
    void endingTheSessionEndsItsCachedUserAtOnce() {
        Authenticated alice = register("alice@cache.io");
        Principal principal = principal(alice);
        me(alice);

        world.useCases.signOut().signOut(principal, SignOutUseCase.Scope.CURRENT, ClientInfo.UNKNOWN);

        assertThatThrownBy(() -> world.useCases.currentUser().currentUser(principal)).isInstanceOf(Unauthenticated.class);
    }

    @Test
    void aRevocationMadeByAnotherProcessEndsTheCachedUserWithTheFeed() {
        Authenticated alice = register("alice@cache.io");
        Principal principal = principal(alice);
        me(alice);

        // another process revokes: only the shared store knows, until this process polls its feed
        world.sessions.revoke(tenant.id(), principal.sessionId(), RevocationReason.SIGNED_OUT, world.clock.now());
        world.useCases.revocationFeed().poll();

        assertThatThrownBy(() -> world.useCases.currentUser().currentUser(principal)).isInstanceOf(Unauthenticated.class);
    }

    @Test
    void aRoleChangeEndsTheSessionsSoTheNextSignInSeesTheNewRole() {
        Authenticated admin = register("admin@cache.io");
        User bob = world.useCases.addAccountUser().add(principal(admin), new AddAccountUserUseCase.Command(
                Optional.empty(), new EmailAddress("bob@cache.io"), PASSWORD, Role.USER, ClientInfo.UNKNOWN));
        Authenticated bobSession = world.useCases.login().login(new LoginUseCase.Command(tenant.id(), bob.email(),
                PASSWORD, ClientInfo.UNKNOWN, TokenProfile.NATIVE)).authenticated();
        Principal bobPrincipal = principal(bobSession);
        assertThat(world.useCases.currentUser().currentUser(bobPrincipal).role()).isEqualTo(Role.USER);

        world.useCases.changeUserRole().changeRole(principal(admin), bob.id(), Role.ACCOUNT_ADMIN, ClientInfo.UNKNOWN);

        assertThatThrownBy(() -> world.useCases.currentUser().currentUser(bobPrincipal))
                .isInstanceOf(Unauthenticated.class);
        Authenticated again = world.useCases.login().login(new LoginUseCase.Command(tenant.id(), bob.email(),
                PASSWORD, ClientInfo.UNKNOWN, TokenProfile.NATIVE)).authenticated();
        assertThat(me(again).role()).isEqualTo(Role.ACCOUNT_ADMIN);
    }

    @Test
    void sessionsOfOneUserAreCachedSeparatelyAndTheCacheIsBounded() {
        Authenticated first = register("carol@cache.io");
        Authenticated second = world.useCases.login().login(new LoginUseCase.Command(tenant.id(),
                new EmailAddress("carol@cache.io"), PASSWORD, ClientInfo.UNKNOWN, TokenProfile.NATIVE)).authenticated();
        me(first);
        me(second);
        world.useCases.signOut().signOut(principal(first), SignOutUseCase.Scope.CURRENT, ClientInfo.UNKNOWN);

        assertThatThrownBy(() -> me(first)).isInstanceOf(Unauthenticated.class);
        assertThat(me(second).email().value()).isEqualTo("carol@cache.io");
        assertThat(GetCurrentUserService.MAX_ENTRIES).isPositive();
    }
}
