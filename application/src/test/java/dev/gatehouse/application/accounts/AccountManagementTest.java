package dev.gatehouse.application.accounts;

import dev.gatehouse.application.support.Settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.fakes.FakeWorld;
import dev.gatehouse.application.accounts.port.in.AddAccountUserUseCase;
import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.accounts.port.in.ListAccountUsersUseCase;
import dev.gatehouse.application.accounts.port.in.ListAccountUsersUseCase.Page;
import dev.gatehouse.application.auth.port.in.LoginUseCase;
import dev.gatehouse.application.tenants.port.in.ProvisionTenantUseCase;
import dev.gatehouse.application.auth.port.in.RegisterUserUseCase;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.error.LastAdminRequired;
import dev.gatehouse.domain.error.NotPermitted;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.error.UserNotFound;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import dev.gatehouse.domain.user.User;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccountManagementTest {
    private final FakeWorld world = new FakeWorld(Settings.DEFAULT.withDevMode(true));
    private final Tenant tenant = world.newTenant("pk_accounts");
    private final Authenticated admin = signUp("admin@acme.io");

    private Authenticated signUp(String email) {
        return world.useCases.registerUser().register(new RegisterUserUseCase.Command(tenant.id(),
                new EmailAddress(email), new Password("long enough"), ClientInfo.UNKNOWN, TokenProfile.NATIVE)).authenticated();
    }

    private Authenticated signIn(String email) {
        return world.useCases.login().login(new LoginUseCase.Command(tenant.id(), new EmailAddress(email),
                new Password("long enough"), ClientInfo.UNKNOWN, TokenProfile.NATIVE)).authenticated();
    }

    private Principal principal(Authenticated auth) {
        return world.useCases.authenticate().authenticate(tenant.id(), auth.accessToken().value());
    }

    private User add(Authenticated by, String email, Role role) {
        return world.useCases.addAccountUser().add(principal(by), new AddAccountUserUseCase.Command(Optional.empty(),
                new EmailAddress(email), new Password("long enough"), role, ClientInfo.UNKNOWN));
    }

    @Test
    void anAdminAddsUsersToTheirAccountWhoCanThenSignIn() {
        User bob = add(admin, "bob@acme.io", Role.USER);

        assertThat(bob.accountId()).isEqualTo(admin.user().accountId());
        assertThat(signIn("bob@acme.io").user().id()).isEqualTo(bob.id());
        assertThat(world.useCases.account().get(principal(admin)).memberCount()).isEqualTo(2);
    }

    @Test
    void aPlainUserCannotAddRemoveOrPromote() {
        User bob = add(admin, "bob@acme.io", Role.USER);
        Authenticated bobAuth = signIn("bob@acme.io");

        assertThatThrownBy(() -> add(bobAuth, "eve@acme.io", Role.USER)).isInstanceOf(NotPermitted.class);
        assertThatThrownBy(() -> world.useCases.changeUserRole().changeRole(principal(bobAuth), bob.id(), Role.ACCOUNT_ADMIN, ClientInfo.UNKNOWN))
                .isInstanceOf(NotPermitted.class);
        assertThatThrownBy(() -> world.useCases.removeAccountUser().remove(principal(bobAuth), admin.user().id(), ClientInfo.UNKNOWN))
                .isInstanceOf(NotPermitted.class);
    }

    @Test
    void usersOfAnotherAccountAreNotFound() {
        Authenticated other = signUp("boss@globex.io");
        assertThatThrownBy(() -> world.useCases.removeAccountUser().remove(principal(admin), other.user().id(), ClientInfo.UNKNOWN))
                .isInstanceOf(UserNotFound.class);
        assertThatThrownBy(() -> world.useCases.listAccountUsers().list(principal(admin),
                new ListAccountUsersUseCase.Query(Optional.of(other.user().accountId()), Optional.empty(),
                        Optional.empty(), Optional.empty(), 10))).isInstanceOf(UserNotFound.class);
    }

    @Test
    void theLastAdminStaysAndRemovalEndsTheRemovedUsersSessions() {
        assertThatThrownBy(() -> world.useCases.removeAccountUser().remove(principal(admin), admin.user().id(), ClientInfo.UNKNOWN))
                .isInstanceOf(LastAdminRequired.class);
        assertThatThrownBy(() -> world.useCases.changeUserRole().changeRole(principal(admin), admin.user().id(), Role.USER, ClientInfo.UNKNOWN))
                .isInstanceOf(LastAdminRequired.class);

        add(admin, "bob@acme.io", Role.USER);
        Authenticated bob = signIn("bob@acme.io");
        Principal bobPrincipal = principal(bob);
        world.useCases.removeAccountUser().remove(principal(admin), bob.user().id(), ClientInfo.UNKNOWN);

        assertThatThrownBy(() -> principal(bob)).isInstanceOf(Unauthenticated.class);
        assertThatThrownBy(() -> world.useCases.currentUser().currentUser(bobPrincipal)).isInstanceOf(Unauthenticated.class);
        assertThat(world.users.findById(tenant.id(), bob.user().id())).isEmpty();
    }

    @Test
    void aRoleChangeEndsTheUsersSessions() {
        add(admin, "bob@acme.io", Role.USER);
        Authenticated bob = signIn("bob@acme.io");

        User promoted = world.useCases.changeUserRole().changeRole(principal(admin), bob.user().id(), Role.ACCOUNT_ADMIN, ClientInfo.UNKNOWN);

        assertThat(promoted.role()).isEqualTo(Role.ACCOUNT_ADMIN);
        assertThatThrownBy(() -> principal(bob)).isInstanceOf(Unauthenticated.class);
        assertThat(signIn("bob@acme.io").user().role()).isEqualTo(Role.ACCOUNT_ADMIN);
        // now two admins: one may step down
        world.useCases.changeUserRole().changeRole(principal(admin), admin.user().id(), Role.USER, ClientInfo.UNKNOWN);
    }

    @Test
    void listsPageByPageInCreationOrderWithFilters() {
        for (int i = 0; i < 5; i++) {
            world.clock.advance(Duration.ofSeconds(1));
            add(admin, "user" + i + "@acme.io", i % 2 == 0 ? Role.USER : Role.ACCOUNT_ADMIN);
        }
        Principal p = principal(admin);
        Page first = world.useCases.listAccountUsers().list(p, ListAccountUsersUseCase.Query.firstPage(4));
        Page second = world.useCases.listAccountUsers().list(p, new ListAccountUsersUseCase.Query(Optional.empty(),
                Optional.empty(), Optional.empty(), first.nextCursor(), 4));

        assertThat(first.users()).extracting(u -> u.email().value())
                .containsExactly("admin@acme.io", "user0@acme.io", "user1@acme.io", "user2@acme.io");
        assertThat(second.users()).extracting(u -> u.email().value()).containsExactly("user3@acme.io", "user4@acme.io");
        assertThat(second.nextCursor()).isEmpty();
        Page admins = world.useCases.listAccountUsers().list(p, new ListAccountUsersUseCase.Query(Optional.empty(),
                Optional.of(Role.ACCOUNT_ADMIN), Optional.of("USER"), Optional.empty(), 10));
        assertThat(admins.users()).extracting(u -> u.email().value()).containsExactly("user1@acme.io", "user3@acme.io");
        assertThatThrownBy(() -> world.useCases.listAccountUsers().list(p, new ListAccountUsersUseCase.Query(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("garbage!"), 10)))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> world.useCases.listAccountUsers().list(p, ListAccountUsersUseCase.Query.firstPage(101)))
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void provisionedTenantsWorkAtOnceAndTheirRootTokenIsStoredOnlyHashed() {
        var provisioned = world.useCases.provisionTenant().create(new ProvisionTenantUseCase.Command("Acme",
                new EmailAddress("owner@acme.io"), Optional.empty()));

        assertThat(provisioned.rootToken()).startsWith("gh_root_").hasSizeGreaterThan(40);
        assertThat(provisioned.tenant().publicKey()).startsWith("pk_");
        assertThat(world.tenants.findRootTokenHash(provisioned.tenant().id())).get().asString()
                .doesNotContain(provisioned.rootToken()).hasSize(64);
        assertThat(world.useCases.authenticateRoot().authenticateRoot(provisioned.tenant().id(), provisioned.rootToken())
                .tenantId()).isEqualTo(provisioned.tenant().id());
        assertThatThrownBy(() -> world.useCases.authenticateRoot().authenticateRoot(tenant.id(), provisioned.rootToken()))
                .isInstanceOf(Unauthenticated.class);
        User owner = world.useCases.login().login(new LoginUseCase.Command(provisioned.tenant().id(),
                new EmailAddress("owner@acme.io"), new Password(provisioned.ownerPassword()), ClientInfo.UNKNOWN,
                TokenProfile.NATIVE)).authenticated().user();
        assertThat(owner.role()).isEqualTo(Role.ROOT);

        String rotated = world.useCases.provisionTenant().rotateRootToken(provisioned.tenant().id());
        assertThatThrownBy(() -> world.useCases.authenticateRoot().authenticateRoot(provisioned.tenant().id(),
                provisioned.rootToken())).isInstanceOf(Unauthenticated.class);
        assertThat(world.useCases.authenticateRoot().authenticateRoot(provisioned.tenant().id(), rotated)).isNotNull();
    }

    @Test
    void theDevAliasWorksOnlyForTheDevTenantInDevMode() {
        Tenant dev = world.useCases.seedDevTenant().seed().tenant();
        assertThat(world.useCases.authenticateRoot().authenticateRoot(dev.id(), "safe-to-use-in-dev-root-token")).isNotNull();
        assertThatThrownBy(() -> world.useCases.authenticateRoot().authenticateRoot(tenant.id(), "safe-to-use-in-dev-root-token"))
                .isInstanceOf(Unauthenticated.class);

        FakeWorld prod = new FakeWorld();
        Tenant prodDev = prod.useCases.seedDevTenant().seed().tenant();
        assertThatThrownBy(() -> prod.useCases.authenticateRoot().authenticateRoot(prodDev.id(), "safe-to-use-in-dev-root-token"))
                .isInstanceOf(Unauthenticated.class);
    }

    @Test
    void impersonationReturnsATokenOfTheAccountsFirstUser() {
        world.clock.advance(Duration.ofSeconds(1));
        add(admin, "bob@acme.io", Role.USER);
        var root = world.useCases.authenticateRoot().authenticateRoot(tenant.id(),
                world.useCases.provisionTenant().rotateRootToken(tenant.id()));

        Authenticated sudo = world.useCases.impersonate().impersonateAccount(root, admin.user().accountId(), ClientInfo.UNKNOWN);

        assertThat(principal(sudo).userId()).isEqualTo(admin.user().id());
        assertThatThrownBy(() -> world.useCases.impersonate().impersonateAccount(root,
                new dev.gatehouse.domain.account.AccountId(java.util.UUID.randomUUID()), ClientInfo.UNKNOWN))
                .isInstanceOf(UserNotFound.class);
    }
}
