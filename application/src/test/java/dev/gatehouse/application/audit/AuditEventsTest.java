package dev.gatehouse.application.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.fakes.FakeWorld;
import dev.gatehouse.application.accounts.port.in.AddAccountUserUseCase;
import dev.gatehouse.application.apikeys.port.in.ApiKeysUseCase.CreatedSecretKey;
import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.auth.port.in.LoginUseCase;
import dev.gatehouse.application.tenants.port.in.ProvisionTenantUseCase;
import dev.gatehouse.application.sessions.port.in.RefreshUseCase;
import dev.gatehouse.application.auth.port.in.RegisterUserUseCase;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.application.sessions.port.in.SignOutUseCase;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.InvalidCredentials;
import dev.gatehouse.domain.error.LastAdminRequired;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import dev.gatehouse.domain.user.User;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every existing action writes its audit event, with actor, subject and client, and no secret in it. */
class AuditEventsTest {
    private static final String PASSWORD = "Quiet-Harbor-Lantern-42";
    private static final ClientInfo CLIENT = new ClientInfo("192.0.2.44", "AuditTest/1.0");

    private final FakeWorld world = new FakeWorld();
    private final Tenant tenant = world.newTenant("pk_audit");
    private final List<String> secretsSeen = new ArrayList<>(List.of(PASSWORD));

    private Authenticated signUp(String email) {
        Authenticated auth = world.useCases.registerUser().register(new RegisterUserUseCase.Command(tenant.id(),
                new EmailAddress(email), new Password(PASSWORD), CLIENT, TokenProfile.NATIVE)).authenticated();
        remember(auth);
        return auth;
    }

    private Authenticated signIn(String email, String password) {
        Authenticated auth = world.useCases.login().login(new LoginUseCase.Command(tenant.id(), new EmailAddress(email),
                new Password(password), CLIENT, TokenProfile.NATIVE)).authenticated();
        remember(auth);
        return auth;
    }

    private void remember(Authenticated auth) {
        secretsSeen.add(auth.accessToken().value());
        secretsSeen.add(auth.refreshToken());
    }

    private Principal principal(Authenticated auth) {
        return world.useCases.authenticate().authenticate(tenant.id(), auth.accessToken().value());
    }

    private AuditEvent only(AuditEventType type) {
        assertThat(world.audit.events(type)).as(type.name()).hasSize(1);
        return world.audit.events(type).get(0);
    }

    @Test
    void signUpAndSignInAreRecordedWithTheUserAsActorAndSubjectAndTheClient() {
        Authenticated ada = signUp("ada@example.com");
        signIn("ada@example.com", PASSWORD);

        AuditEvent signUp = only(AuditEventType.SIGN_UP);
        assertThat(signUp.tenant()).isEqualTo(tenant.id());
        assertThat(signUp.actor()).isEqualTo(AuditEvent.user(ada.user().id()));
        assertThat(signUp.subject()).isEqualTo(AuditEvent.user(ada.user().id()));
        assertThat(signUp.clientIp()).isEqualTo("192.0.2.44");
        assertThat(signUp.userAgent()).isEqualTo("AuditTest/1.0");
        assertThat(signUp.time()).isEqualTo(world.clock.now());
        assertThat(only(AuditEventType.LOGIN_SUCCEEDED).subject()).isEqualTo(AuditEvent.user(ada.user().id()));
        assertNoSecretInAnyEvent();
    }

    @Test
    void failedLoginsKeepTheReasonThatTheCallerNeverLearns() {
        Authenticated ada = signUp("ada@example.com");

        assertThatThrownBy(() -> signIn("ada@example.com", "Wrong-Password-99")).isInstanceOf(InvalidCredentials.class);
        assertThatThrownBy(() -> signIn("nobody@example.com", PASSWORD)).isInstanceOf(InvalidCredentials.class);
        secretsSeen.add("Wrong-Password-99");

        List<AuditEvent> failures = world.audit.events(AuditEventType.LOGIN_FAILED);
        assertThat(failures).hasSize(2);
        assertThat(failures.get(0).subject()).isEqualTo(AuditEvent.user(ada.user().id()));
        assertThat(failures.get(0).details()).containsEntry("reason", "wrongPassword");
        assertThat(failures.get(1).subject()).as("an unknown email has no subject").isNull();
        assertThat(failures.get(1).actor()).isNull();
        assertThat(failures.get(1).details()).containsEntry("reason", "unknownEmail")
                .containsEntry("email", "nobody@example.com");
        assertNoSecretInAnyEvent();
    }

    @Test
    void signOutOwnRevocationAndRefreshReuseAreRecorded() {
        signUp("ada@example.com");
        Authenticated second = signIn("ada@example.com", PASSWORD);
        Authenticated third = signIn("ada@example.com", PASSWORD);
        world.useCases.ownSessions().revoke(principal(third), second.session().id(), CLIENT);
        Authenticated rotated = world.useCases.refresh().refresh(new RefreshUseCase.Command(tenant.id(),
                third.refreshToken(), CLIENT));
        remember(rotated);
        world.clock.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> world.useCases.refresh().refresh(new RefreshUseCase.Command(tenant.id(),
                third.refreshToken(), CLIENT))).isInstanceOf(Unauthenticated.class);
        Authenticated fourth = signIn("ada@example.com", PASSWORD);
        world.useCases.signOut().signOut(principal(fourth), SignOutUseCase.Scope.ALL, CLIENT);

        AuditEvent revoked = only(AuditEventType.SESSION_REVOKED);
        assertThat(revoked.details()).containsEntry("by", "user")
                .containsEntry("sessionId", second.session().id().toString());
        AuditEvent reuse = only(AuditEventType.REFRESH_REUSE_DETECTED);
        assertThat(reuse.subject()).isEqualTo(AuditEvent.user(third.user().id()));
        assertThat(reuse.details()).containsEntry("sessionEnded", "true");
        AuditEvent logout = only(AuditEventType.LOGOUT);
        assertThat(logout.details()).containsEntry("scope", "all");
        assertThat(logout.clientIp()).isEqualTo("192.0.2.44");
        assertNoSecretInAnyEvent();
    }

    @Test
    void membershipChangesAreRecordedWithTheAdminAsActor() {
        Authenticated admin = signUp("admin@acme.io");
        User bob = world.useCases.addAccountUser().add(principal(admin), new AddAccountUserUseCase.Command(
                Optional.empty(), new EmailAddress("bob@acme.io"), new Password(PASSWORD), Role.USER, CLIENT));
        world.useCases.changeUserRole().changeRole(principal(admin), bob.id(), Role.ACCOUNT_ADMIN, CLIENT);
        world.useCases.changeUserRole().changeRole(principal(admin), bob.id(), Role.ACCOUNT_ADMIN, CLIENT);
        world.useCases.removeAccountUser().remove(principal(admin), bob.id(), CLIENT);
        assertThatThrownBy(() -> world.useCases.removeAccountUser().remove(principal(admin), admin.user().id(), ClientInfo.UNKNOWN))
                .isInstanceOf(LastAdminRequired.class);

        String adminId = AuditEvent.user(admin.user().id());
        AuditEvent added = only(AuditEventType.USER_ADDED);
        assertThat(added.actor()).isEqualTo(adminId);
        assertThat(added.subject()).isEqualTo(AuditEvent.user(bob.id()));
        assertThat(added.details()).containsEntry("role", "USER");
        AuditEvent changed = only(AuditEventType.ROLE_CHANGED);
        assertThat(changed.details()).containsEntry("from", "USER").containsEntry("to", "ACCOUNT_ADMIN");
        assertThat(only(AuditEventType.USER_REMOVED).subject()).isEqualTo(AuditEvent.user(bob.id()));
        assertNoSecretInAnyEvent();
    }

    @Test
    void rootActionsNameTheRootTokenOrTheKeyAsActor() {
        Authenticated ada = signUp("ada@example.com");
        RootAuthority root = new RootAuthority(tenant.id()).withClient(CLIENT);
        CreatedSecretKey key = world.useCases.apiKeys().createSecretKey(root, "ci", Set.of(Scope.USERS_WRITE,
                Scope.SESSIONS_ADMIN));
        secretsSeen.add(key.secret());
        RootAuthority byKey = world.useCases.apiKeys().authenticateSecretKey(key.secret()).withClient(CLIENT);
        Authenticated impersonated = world.useCases.impersonate().impersonateAccount(byKey,
                ada.user().accountId(), CLIENT);
        remember(impersonated);
        world.useCases.adminSessions().revokeAll(byKey, ada.user().id());
        world.useCases.apiKeys().revokeSecretKey(root, key.key().id());

        AuditEvent created = only(AuditEventType.API_KEY_CREATED);
        assertThat(created.actor()).isEqualTo(AuditEvent.ROOT);
        assertThat(created.subject()).isEqualTo(AuditEvent.secretKey(key.key().id()));
        assertThat(created.details()).containsEntry("scopes", "sessions:admin users:write");
        AuditEvent impersonation = only(AuditEventType.IMPERSONATION);
        assertThat(impersonation.actor()).isEqualTo(AuditEvent.secretKey(key.key().id()));
        assertThat(impersonation.subject()).isEqualTo(AuditEvent.user(ada.user().id()));
        assertThat(impersonation.details()).containsEntry("accountId", ada.user().accountId().toString());
        assertThat(impersonation.clientIp()).isEqualTo("192.0.2.44");
        AuditEvent revoked = only(AuditEventType.SESSION_REVOKED);
        assertThat(revoked.details()).containsEntry("by", "admin");
        assertThat(revoked.actor()).isEqualTo(AuditEvent.secretKey(key.key().id()));
        assertThat(only(AuditEventType.API_KEY_REVOKED).subject()).isEqualTo(AuditEvent.secretKey(key.key().id()));
        assertNoSecretInAnyEvent();
    }

    @Test
    void rotatingTheRootTokenIsRecordedForThatTenantOnly() {
        ProvisionTenantUseCase.Provisioned provisioned = world.useCases.provisionTenant().create(
                new ProvisionTenantUseCase.Command("Acme", new EmailAddress("owner@acme.io"), Optional.empty()));
        secretsSeen.add(provisioned.rootToken());
        secretsSeen.add(provisioned.ownerPassword());
        String rotated = world.useCases.provisionTenant().rotateRootToken(provisioned.tenant().id());
        secretsSeen.add(rotated);

        AuditEvent event = only(AuditEventType.ROOT_TOKEN_ROTATED);
        assertThat(event.tenant()).isEqualTo(provisioned.tenant().id());
        assertThat(event.actor()).isEqualTo(AuditEvent.OPERATOR);
        assertNoSecretInAnyEvent();
    }

    @Test
    void aChangeThatFailsLeavesNoEventBehind() {
        Authenticated admin = signUp("admin@acme.io");
        int before = world.audit.events().size();

        assertThatThrownBy(() -> world.useCases.changeUserRole().changeRole(principal(admin), admin.user().id(),
                Role.USER, CLIENT)).isInstanceOf(LastAdminRequired.class);

        assertThat(world.audit.events()).hasSize(before);
    }

    private void assertNoSecretInAnyEvent() {
        assertThat(world.audit.events()).isNotEmpty();
        for (AuditEvent event : world.audit.events()) {
            String all = event.toString();
            for (String secret : secretsSeen) {
                assertThat(all).as("event %s must not contain a secret", event.type()).doesNotContain(secret);
            }
        }
    }
}
