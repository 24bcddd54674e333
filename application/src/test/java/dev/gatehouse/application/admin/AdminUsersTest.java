package dev.gatehouse.application.admin;

import dev.gatehouse.application.fakes.AllFeatures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.fakes.FakeWorld;
import dev.gatehouse.application.accounts.port.in.AddAccountUserUseCase;
import dev.gatehouse.application.admin.port.in.AdminUsersUseCase;
import dev.gatehouse.application.admin.port.in.AdminUsersUseCase.Page;
import dev.gatehouse.application.admin.port.in.AdminUsersUseCase.Query;
import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.auth.port.in.LoginUseCase;
import dev.gatehouse.application.auth.port.in.RegisterUserUseCase;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.InvalidCredentials;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.error.LastAdminRequired;
import dev.gatehouse.domain.error.NotPermitted;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.error.UserNotFound;
import dev.gatehouse.domain.policy.UserAdministrationPolicy.Change;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;
import dev.gatehouse.domain.user.UserStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AdminUsersTest {
    private static final Password PASSWORD = new Password("long enough");
    private static final ClientInfo CLIENT = new ClientInfo("203.0.113.9", "admin-tool/1.0");

    private final FakeWorld world = new FakeWorld();
    private final Tenant tenant = world.newTenant("pk_admin");
    private final RootAuthority root = new RootAuthority(tenant.id());
    private final AdminUsersUseCase admin = world.useCases.adminUsers();
    private final Authenticated ada = register(tenant, "ada@x.io");
    private final User bob = addMember(ada, "bob@x.io", Role.USER);

    private Authenticated register(Tenant in, String email) {
        world.clock.advance(Duration.ofSeconds(1));
        return world.useCases.registerUser().register(new RegisterUserUseCase.Command(in.id(), new EmailAddress(email),
                PASSWORD, ClientInfo.UNKNOWN, TokenProfile.NATIVE)).authenticated();
    }

    private User addMember(Authenticated accountAdmin, String email, Role role) {
        world.clock.advance(Duration.ofSeconds(1));
        return world.useCases.addAccountUser().add(world.useCases.authenticate().authenticate(
                accountAdmin.user().tenantId(), accountAdmin.accessToken().value()),
                new AddAccountUserUseCase.Command(Optional.empty(), new EmailAddress(email), PASSWORD, role, ClientInfo.UNKNOWN));
    }

    private Authenticated login(User user) {
        return world.useCases.login().login(new LoginUseCase.Command(user.tenantId(), user.email(), PASSWORD,
                ClientInfo.UNKNOWN, TokenProfile.NATIVE)).authenticated();
    }

    private boolean tokenWorks(Authenticated session) {
        try {
            world.useCases.currentUser().currentUser(world.useCases.authenticate().authenticate(
                    session.user().tenantId(), session.accessToken().value()));
            return true;
        } catch (Unauthenticated e) {
            return false;
        }
    }

    private static Change role(Role role) {
        return new Change(Optional.of(role), Optional.empty(), Optional.empty());
    }

    private static Change move(AccountId account) {
        return new Change(Optional.empty(), Optional.of(account), Optional.empty());
    }

    private static Change status(UserStatus status) {
        return new Change(Optional.empty(), Optional.empty(), Optional.of(status));
    }

    @Test
    void listsTheTenantsUsersOldestFirstPageByPageAndNeverAnotherTenants() {
        Authenticated cleo = register(tenant, "cleo@x.io");
        register(world.newTenant("pk_stranger"), "ann@x.io");

        List<UserId> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page page = admin.list(root, new Query(Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), cursor, 2));
            page.users().forEach(u -> seen.add(u.id()));
            cursor = page.nextCursor();
        } while (cursor.isPresent());

        assertThat(seen).containsExactly(ada.user().id(), bob.id(), cleo.user().id());
    }

    @Test
    void filtersTheListingByAccountRoleStatusAndEmailPrefix() {
        Authenticated cleo = register(tenant, "cleo@x.io");
        admin.change(root, bob.id(), status(UserStatus.DISABLED), CLIENT);

        assertThat(list(new Query(Optional.of(cleo.user().accountId()), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 10))).containsExactly(cleo.user().id());
        assertThat(list(new Query(Optional.empty(), Optional.of(Role.USER), Optional.empty(), Optional.empty(),
                Optional.empty(), 10))).containsExactly(bob.id());
        assertThat(list(new Query(Optional.empty(), Optional.empty(), Optional.of(UserStatus.DISABLED),
                Optional.empty(), Optional.empty(), 10))).containsExactly(bob.id());
        assertThat(list(new Query(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(" CLE"),
                Optional.empty(), 10))).containsExactly(cleo.user().id());
        assertThatThrownBy(() -> admin.list(root, new Query(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of("not-a-cursor"), 10))).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("cursor");
        assertThatThrownBy(() -> admin.list(root, Query.firstPage(101))).isInstanceOf(InvalidInput.class);
    }

    private List<UserId> list(Query query) {
        return admin.list(root, query).users().stream().map(User::id).toList();
    }

    @Test
    void usersOfAnotherTenantDoNotExistForItsAuthority() {
        RootAuthority stranger = new RootAuthority(world.newTenant("pk_other").id());

        assertThat(admin.list(stranger, Query.firstPage(100)).users()).isEmpty();
        assertThatThrownBy(() -> admin.get(stranger, bob.id())).isInstanceOf(UserNotFound.class);
        assertThatThrownBy(() -> admin.change(stranger, bob.id(), status(UserStatus.DISABLED), CLIENT))
                .isInstanceOf(UserNotFound.class);
        assertThatThrownBy(() -> admin.delete(stranger, bob.id(), CLIENT)).isInstanceOf(UserNotFound.class);
        assertThat(admin.get(root, bob.id())).isEqualTo(bob);
    }

    @Test
    void aReadingKeyCannotWriteAndAKeyWithoutUsersScopesCannotRead() {
        RootAuthority reader = new RootAuthority(tenant.id(), Set.of(Scope.USERS_READ));
        RootAuthority sessionsOnly = new RootAuthority(tenant.id(), Set.of(Scope.SESSIONS_ADMIN));

        assertThat(admin.get(reader, bob.id())).isEqualTo(bob);
        assertThatThrownBy(() -> admin.change(reader, bob.id(), role(Role.ACCOUNT_ADMIN), CLIENT))
                .isInstanceOf(NotPermitted.class).hasMessageContaining("users:write");
        assertThatThrownBy(() -> admin.delete(reader, bob.id(), CLIENT)).isInstanceOf(NotPermitted.class);
        assertThatThrownBy(() -> admin.list(sessionsOnly, Query.firstPage(10))).isInstanceOf(NotPermitted.class);
        assertThatThrownBy(() -> admin.get(sessionsOnly, bob.id())).isInstanceOf(NotPermitted.class);
        assertThat(admin.get(root, bob.id())).isEqualTo(bob);
    }

    @Test
    void aDisabledUsersTokensStopAtOnceAndTheirLoginFailsLikeAWrongPasswordUntilReEnabled() {
        Authenticated bobsSession = login(bob);
        assertThat(tokenWorks(bobsSession)).isTrue();

        User disabled = admin.change(root, bob.id(), status(UserStatus.DISABLED), CLIENT);

        assertThat(disabled.status()).isEqualTo(UserStatus.DISABLED);
        assertThat(tokenWorks(bobsSession)).isFalse();
        assertThatThrownBy(() -> world.useCases.authenticate().authenticate(tenant.id(),
                bobsSession.accessToken().value())).as("the session itself is revoked").isInstanceOf(Unauthenticated.class);
        assertThatThrownBy(() -> login(bob)).isInstanceOf(InvalidCredentials.class);
        assertThat(world.sessions.findActiveByUser(tenant.id(), bob.id(), world.clock.now())).isEmpty();

        assertThat(admin.change(root, bob.id(), status(UserStatus.ACTIVE), CLIENT).status()).isEqualTo(UserStatus.ACTIVE);
        assertThat(tokenWorks(login(bob))).isTrue();
        assertThat(tokenWorks(bobsSession)).as("an old session stays ended").isFalse();
    }

    @Test
    void aRoleChangeEndsTheUsersSessionsAndTheNewRoleAppliesAtTheNextLogin() {
        Authenticated bobsSession = login(bob);

        assertThat(admin.change(root, bob.id(), role(Role.ACCOUNT_ADMIN), CLIENT).role()).isEqualTo(Role.ACCOUNT_ADMIN);

        assertThat(tokenWorks(bobsSession)).isFalse();
        assertThat(login(bob).user().role()).isEqualTo(Role.ACCOUNT_ADMIN);
        assertThatThrownBy(() -> admin.change(root, bob.id(), role(Role.ROOT), CLIENT)).isInstanceOf(NotPermitted.class);
    }

    @Test
    void movesAUserToAnotherAccountOfTheTenantOnlyAndEndsTheirSessions() {
        Authenticated cleo = register(tenant, "cleo@x.io");
        Authenticated bobsSession = login(bob);

        User moved = admin.change(root, bob.id(), move(cleo.user().accountId()), CLIENT);

        assertThat(moved.accountId()).isEqualTo(cleo.user().accountId());
        assertThat(admin.get(root, bob.id()).accountId()).isEqualTo(cleo.user().accountId());
        assertThat(tokenWorks(bobsSession)).isFalse();
        assertThat(login(bob).user().accountId()).isEqualTo(cleo.user().accountId());

        AccountId foreign = register(world.newTenant("pk_elsewhere"), "zed@x.io").user().accountId();
        assertThatThrownBy(() -> admin.change(root, bob.id(), move(foreign), CLIENT)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("accountId");
        assertThatThrownBy(() -> admin.change(root, bob.id(), move(new AccountId(UUID.randomUUID())), CLIENT))
                .isInstanceOf(InvalidInput.class);
        assertThat(admin.get(root, bob.id()).accountId()).isEqualTo(cleo.user().accountId());
    }

    @Test
    void keepsTheLastAdminOfTheSourceAccountOnDemotionMoveAndDelete() {
        AccountId elsewhere = register(tenant, "cleo@x.io").user().accountId();
        UserId sole = ada.user().id();

        assertThatThrownBy(() -> admin.change(root, sole, role(Role.USER), CLIENT)).isInstanceOf(LastAdminRequired.class);
        assertThatThrownBy(() -> admin.change(root, sole, move(elsewhere), CLIENT)).isInstanceOf(LastAdminRequired.class);
        assertThatThrownBy(() -> admin.delete(root, sole, CLIENT)).isInstanceOf(LastAdminRequired.class);
        assertThat(admin.get(root, sole)).isEqualTo(ada.user());

        admin.change(root, bob.id(), role(Role.ACCOUNT_ADMIN), CLIENT);
        assertThatCode(() -> admin.change(root, sole, move(elsewhere), CLIENT)).doesNotThrowAnyException();
        assertThatCode(() -> admin.delete(root, bob.id(), CLIENT)).as("bob is the last admin and the last member")
                .doesNotThrowAnyException();
        assertThat(world.accounts.findById(tenant.id(), ada.user().accountId())).as("the emptied account goes").isEmpty();
    }

    @Test
    void theLastAdminMayBeDisabledAndStaysTheAccountsAdmin() {
        assertThat(admin.change(root, ada.user().id(), status(UserStatus.DISABLED), CLIENT).status())
                .isEqualTo(UserStatus.DISABLED);
        assertThatThrownBy(() -> admin.change(root, ada.user().id(), role(Role.USER), CLIENT))
                .isInstanceOf(LastAdminRequired.class);
    }

    @Test
    void deletingAUserEndsTheirSessionsAndFreesTheirEmail() {
        Authenticated bobsSession = login(bob);

        admin.delete(root, bob.id(), CLIENT);

        assertThat(tokenWorks(bobsSession)).isFalse();
        assertThatThrownBy(() -> admin.get(root, bob.id())).isInstanceOf(UserNotFound.class);
        assertThatThrownBy(() -> admin.delete(root, bob.id(), CLIENT)).isInstanceOf(UserNotFound.class);
        assertThatThrownBy(() -> login(bob)).isInstanceOf(InvalidCredentials.class);
        assertThat(addMember(ada, "bob@x.io", Role.USER).email()).isEqualTo(bob.email());
    }

    @Test
    void anotherProcessLearnsOfTheEndedSessionsThroughTheRevocationFeed() {
        Authenticated bobsSession = login(bob);
        AllFeatures otherProcess = AllFeatures.otherProcess(world);
        otherProcess.revocationFeed().poll();
        assertThatCode(() -> otherProcess.authenticate().authenticate(tenant.id(), bobsSession.accessToken().value()))
                .doesNotThrowAnyException();

        admin.change(root, bob.id(), status(UserStatus.DISABLED), CLIENT);
        otherProcess.revocationFeed().poll();

        assertThatThrownBy(() -> otherProcess.authenticate().authenticate(tenant.id(), bobsSession.accessToken().value()))
                .isInstanceOf(Unauthenticated.class);
    }

    @Test
    void theTenantsRootUserIsLeftToTheOperator() {
        User owner = world.users.findPageInTenant(tenant.id(), new dev.gatehouse.application.port.out.UserRepository
                .TenantPageQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), 1)).get(0);
        world.users.updateRole(tenant.id(), owner.id(), Role.ROOT);

        assertThatThrownBy(() -> admin.change(root, owner.id(), status(UserStatus.DISABLED), CLIENT))
                .isInstanceOf(NotPermitted.class);
        assertThatThrownBy(() -> admin.delete(root, owner.id(), CLIENT)).isInstanceOf(NotPermitted.class);
    }

    @Test
    void recordsEachChangeAndTheDeleteWithTheActingKeyAndTheClientInTheAuditLog() {
        UUID keyId = UUID.randomUUID();
        RootAuthority key = RootAuthority.ofSecretKey(tenant.id(), Set.of(Scope.USERS_WRITE), keyId);
        AccountId elsewhere = register(tenant, "cleo@x.io").user().accountId();

        admin.change(key, bob.id(), new Change(Optional.of(Role.ACCOUNT_ADMIN), Optional.of(elsewhere),
                Optional.of(UserStatus.DISABLED)), CLIENT);
        admin.change(root, bob.id(), status(UserStatus.ACTIVE), CLIENT);
        admin.change(root, bob.id(), status(UserStatus.ACTIVE), CLIENT); // no change, no event
        admin.delete(key, bob.id(), CLIENT);

        List<AuditEvent> events = world.audit.events().stream()
                .filter(e -> bob.id().value().toString().equals(e.subject()))
                .filter(e -> e.type() != AuditEventType.USER_ADDED) // adding bob in the set-up is audited too
                .toList();
        assertThat(events).extracting(AuditEvent::type).containsExactly(AuditEventType.ROLE_CHANGED,
                AuditEventType.USER_MOVED, AuditEventType.USER_DISABLED, AuditEventType.USER_ENABLED,
                AuditEventType.USER_DELETED);
        assertThat(events).extracting(AuditEvent::actor).containsExactly("key:" + keyId, "key:" + keyId,
                "key:" + keyId, AuditEvent.ROOT, "key:" + keyId);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.tenant()).isEqualTo(tenant.id());
            assertThat(e.clientIp()).isEqualTo("203.0.113.9");
            assertThat(e.userAgent()).isEqualTo("admin-tool/1.0");
        });
        assertThat(events.get(0).details()).containsEntry("from", "USER").containsEntry("to", "ACCOUNT_ADMIN");
        assertThat(events.get(1).details()).containsEntry("from", bob.accountId().toString())
                .containsEntry("to", elsewhere.toString());
    }

    @Test
    void aRefusedChangeRecordsNothing() {
        int before = world.audit.events().size();
        assertThatThrownBy(() -> admin.change(root, ada.user().id(), role(Role.USER), CLIENT))
                .isInstanceOf(LastAdminRequired.class);
        assertThat(world.audit.events()).hasSize(before);
    }
}
