package dev.gatehouse.application.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.fakes.FakeWorld;
import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.sessions.port.in.IntrospectUseCase.Introspection;
import dev.gatehouse.application.auth.port.in.LoginUseCase;
import dev.gatehouse.application.auth.port.in.RegisterUserUseCase;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.application.sessions.port.in.SignOutUseCase.Scope;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.error.UserNotFound;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import dev.gatehouse.domain.user.UserId;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IntrospectionAndAdminSessionsTest {
    private final FakeWorld world = new FakeWorld();
    private final Tenant tenant = world.newTenant("pk_intro");
    private final RootAuthority root = new RootAuthority(tenant.id());
    private final Authenticated ada = world.useCases.registerUser().register(new RegisterUserUseCase.Command(
            tenant.id(), new EmailAddress("ada@x.io"), new Password("long enough"), ClientInfo.UNKNOWN,
            TokenProfile.NATIVE)).authenticated();

    @Test
    void introspectionTellsActiveTokensFromEndedOrForeignOnes() {
        Introspection active = world.useCases.introspect().introspect(root, ada.accessToken().value());
        assertThat(active.active()).isTrue();
        assertThat(active.principal()).get().extracting(p -> p.userId()).isEqualTo(ada.user().id());

        Tenant other = world.newTenant("pk_other");
        assertThat(world.useCases.introspect().introspect(new RootAuthority(other.id()), ada.accessToken().value())
                .active()).isFalse();
        assertThat(world.useCases.introspect().introspect(root, "garbage").active()).isFalse();
        assertThat(world.useCases.introspect().introspect(root, "").active()).isFalse();

        world.useCases.signOut().signOut(world.useCases.authenticate().authenticate(tenant.id(),
                ada.accessToken().value()), Scope.CURRENT, ClientInfo.UNKNOWN);
        assertThat(world.useCases.introspect().introspect(root, ada.accessToken().value()))
                .isEqualTo(Introspection.INACTIVE);
    }

    @Test
    void expiredTokensAreInactive() {
        world.clock.advance(Duration.ofMinutes(16));
        assertThat(world.useCases.introspect().introspect(root, ada.accessToken().value()).active()).isFalse();
    }

    @Test
    void anAdminListsAndEndsAUsersSessions() {
        Authenticated second = world.useCases.login().login(new LoginUseCase.Command(tenant.id(),
                new EmailAddress("ada@x.io"), new Password("long enough"), ClientInfo.UNKNOWN, TokenProfile.NATIVE)).authenticated();

        assertThat(world.useCases.adminSessions().list(root, ada.user().id())).hasSize(2);
        assertThat(world.useCases.adminSessions().revokeAll(root, ada.user().id())).isEqualTo(2);
        assertThat(world.useCases.adminSessions().list(root, ada.user().id())).isEmpty();
        assertThatThrownBy(() -> world.useCases.authenticate().authenticate(tenant.id(), second.accessToken().value()))
                .isInstanceOf(Unauthenticated.class);
    }

    @Test
    void usersOfOtherTenantsDoNotExistForAnAdmin() {
        Tenant other = world.newTenant("pk_other");
        assertThatThrownBy(() -> world.useCases.adminSessions().list(new RootAuthority(other.id()), ada.user().id()))
                .isInstanceOf(UserNotFound.class);
        assertThatThrownBy(() -> world.useCases.adminSessions().revokeAll(root, new UserId(UUID.randomUUID())))
                .isInstanceOf(UserNotFound.class);
    }
}
