package dev.gatehouse.application.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.fakes.FakeWorld;
import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.auth.port.in.LoginUseCase;
import dev.gatehouse.application.auth.port.in.RegisterUserUseCase;
import dev.gatehouse.domain.error.InvalidCredentials;
import dev.gatehouse.domain.error.PasswordRejected;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import dev.gatehouse.domain.user.User;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginServiceTest {
    private final FakeWorld world = new FakeWorld();
    private final Tenant tenant = world.newTenant("pk_test");
    private final LoginUseCase login = world.useCases.login();
    private final User ada = world.useCases.registerUser().register(new RegisterUserUseCase.Command(
            tenant.id(), new EmailAddress("ada@example.com"), new Password("long enough"), ClientInfo.UNKNOWN, TokenProfile.COMPAT)).authenticated().user();

    private LoginUseCase.Command command(String email, String password) {
        return new LoginUseCase.Command(tenant.id(), new EmailAddress(email), new Password(password), ClientInfo.UNKNOWN, TokenProfile.COMPAT);
    }

    @Test
    void signsInWithTheRightPasswordInAnyEmailCase() {
        Authenticated result = login.login(command("ADA@example.com", "long enough")).authenticated();

        assertThat(result.user().id()).isEqualTo(ada.id());
        assertThat(result.accessToken().expiresAt()).isEqualTo(
                world.clock.now().plus(Duration.ofHours(12)));
    }

    @Test
    void failsIdenticallyForWrongPasswordAndUnknownEmailAndSpendsAHashOnBoth() {
        int before = world.hasher.verifications();
        Throwable wrongPassword = catchThrowable(() -> login.login(command("ada@example.com", "wrong password")));
        Throwable unknownEmail = catchThrowable(() -> login.login(command("nobody@example.com", "long enough")));

        assertThat(wrongPassword).isInstanceOf(InvalidCredentials.class);
        assertThat(unknownEmail).isInstanceOf(InvalidCredentials.class).hasMessage(wrongPassword.getMessage());
        assertThat(world.hasher.verifications() - before).isEqualTo(2);
    }

    @Test
    void refusesPasswordsTheHasherWouldTruncate() {
        assertThatThrownBy(() -> login.login(command("ada@example.com", "x".repeat(73))))
                .isInstanceOf(PasswordRejected.class).hasMessageContaining("72 bytes");
    }

    @Test
    void upgradesAnOutdatedHashOnSuccessfulSignIn() {
        world.users.updatePasswordHash(tenant.id(), ada.id(), world.hasher.legacyHash(new Password("long enough")));

        login.login(command("ada@example.com", "long enough"));

        User stored = world.users.findById(tenant.id(), ada.id()).orElseThrow();
        assertThat(world.hasher.needsRehash(stored.passwordHash())).isFalse();
        assertThat(world.hasher.verify(new Password("long enough"), stored.passwordHash())).isTrue();
    }

    @Test
    void issuesTokensThatExpire() {
        Authenticated result = login.login(command("ada@example.com", "long enough")).authenticated();
        world.clock.advance(Duration.ofHours(12));

        assertThatThrownBy(() -> world.useCases.authenticate().authenticate(tenant.id(), result.accessToken().value()))
                .isInstanceOf(Unauthenticated.class);
    }

    @Test
    void aTokenOfOneTenantDoesNotAuthenticateAtAnother() {
        Tenant other = world.newTenant("pk_other");
        Authenticated result = login.login(command("ada@example.com", "long enough")).authenticated();

        assertThatThrownBy(() -> world.useCases.authenticate().authenticate(other.id(), result.accessToken().value()))
                .isInstanceOf(Unauthenticated.class);
    }

    private static Throwable catchThrowable(Runnable action) {
        try {
            action.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }
}
