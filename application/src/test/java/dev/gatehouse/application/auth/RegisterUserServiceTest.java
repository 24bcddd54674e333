package dev.gatehouse.application.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.fakes.FakeWorld;
import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.auth.port.in.RegisterUserUseCase;
import dev.gatehouse.application.port.out.AccountRepository;
import dev.gatehouse.domain.error.EmailAlreadyInUse;
import dev.gatehouse.domain.error.PasswordRejected;
import dev.gatehouse.domain.error.UnknownTenant;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RegisterUserServiceTest {
    private final FakeWorld world = new FakeWorld();
    private final Tenant tenant = world.newTenant("pk_test");
    private final RegisterUserUseCase register = world.useCases.registerUser();

    private RegisterUserUseCase.Command command(String email, String password) {
        return new RegisterUserUseCase.Command(tenant.id(), new EmailAddress(email), new Password(password), ClientInfo.UNKNOWN, TokenProfile.COMPAT);
    }

    @Test
    void opensAnAccountWhoseFirstUserAdministersIt() {
        Authenticated result = register.register(command("Ada@Example.com", "long enough")).authenticated();

        assertThat(result.user().role()).isEqualTo(Role.ACCOUNT_ADMIN);
        assertThat(result.user().email().value()).isEqualTo("ada@example.com");
        assertThat(world.accounts.findById(tenant.id(), result.user().accountId())).isPresent();
        assertThat(world.hasher.verify(new Password("long enough"), result.user().passwordHash())).isTrue();
        assertThat(world.useCases.authenticate().authenticate(tenant.id(), result.accessToken().value()).userId())
                .isEqualTo(result.user().id());
    }

    @Test
    void rejectsSecondRegistrationWithSameEmailInAnyCaseAndLeavesNoOrphanAccount() {
        register.register(command("a@x.io", "long enough"));
        int accountsBefore = world.accounts.count();

        assertThatThrownBy(() -> register.register(command("A@x.io", "another one")))
                .isInstanceOf(EmailAlreadyInUse.class);
        assertThat(world.users.count()).isEqualTo(1);
        assertThat(world.accounts.count()).isEqualTo(accountsBefore);
    }

    @Test
    void allowsTheSameEmailInAnotherTenant() {
        Tenant other = world.newTenant("pk_other");
        register.register(command("a@x.io", "long enough"));

        Authenticated second = register.register(
                new RegisterUserUseCase.Command(other.id(), new EmailAddress("a@x.io"), new Password("long enough"), ClientInfo.UNKNOWN, TokenProfile.COMPAT)).authenticated();
        assertThat(second.user().tenantId()).isEqualTo(other.id());
    }

    @Test
    void appliesTheTenantsPasswordPolicyBeforeHashing() {
        assertThatThrownBy(() -> register.register(command("a@x.io", "short")))
                .isInstanceOf(PasswordRejected.class).hasMessageContaining("at least 8");
        assertThatThrownBy(() -> register.register(command("a@x.io", "é".repeat(40))))
                .isInstanceOf(PasswordRejected.class).hasMessageContaining("72 bytes");
        assertThat(world.hasher.hashes()).isZero();
        assertThat(world.users.count()).isZero();
    }

    @Test
    void refusesAnUnknownTenant() {
        var command = new RegisterUserUseCase.Command(new TenantId(UUID.randomUUID()), new EmailAddress("a@x.io"),
                new Password("long enough"), ClientInfo.UNKNOWN, TokenProfile.COMPAT);
        assertThatThrownBy(() -> register.register(command)).isInstanceOf(UnknownTenant.class);
    }

    @Test
    void leavesNothingBehindWhenStoringTheUserFails() {
        FakeWorld failing = new FakeWorld();
        Tenant t = failing.newTenant("pk_fail");
        failing.users.insert(dev.gatehouse.domain.user.User.registerAsAccountOwner(
                new dev.gatehouse.domain.user.UserId(UUID.randomUUID()), t.id(),
                new dev.gatehouse.domain.account.AccountId(UUID.randomUUID()), new EmailAddress("taken@x.io"),
                failing.hasher.hash(new Password("long enough")), failing.clock.now()));
        AccountRepository accounts = failing.accounts;

        assertThatThrownBy(() -> failing.useCases.registerUser().register(new RegisterUserUseCase.Command(
                t.id(), new EmailAddress("taken@x.io"), new Password("long enough"), ClientInfo.UNKNOWN, TokenProfile.COMPAT)))
                .isInstanceOf(EmailAlreadyInUse.class);
        assertThat(failing.accounts.count()).isZero();
        assertThat(accounts).isSameAs(failing.accounts);
    }
}
