package dev.gatehouse.application.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.fakes.FakeWorld;
import dev.gatehouse.application.accounts.port.in.AddAccountUserUseCase;
import dev.gatehouse.application.apikeys.port.in.ApiKeysUseCase;
import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.auth.port.in.LoginUseCase;
import dev.gatehouse.application.tenants.port.in.ProvisionTenantUseCase;
import dev.gatehouse.application.auth.port.in.RegisterUserUseCase;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.NotPermitted;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserStatus;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Privileged actions decide on what the store holds when they act, not on what a token or key claims: account
 * changes read the acting user's current role, account and status in their own transaction (a token whose
 * revocation has not arrived yet acts with no more than its user's present rights); a reset code requested with a
 * key is recorded as that key's doing; a key revokes only keys no stronger than itself.
 */
class PrivilegedActionsTest {
    private static final Password PASSWORD = new Password("long enough");
    private static final ClientInfo CLIENT = new ClientInfo("198.51.100.4", "privileged/1.0");

    private final FakeWorld world = new FakeWorld();
    private final ProvisionTenantUseCase.Provisioned acme = world.useCases.provisionTenant().create(
            new ProvisionTenantUseCase.Command("Acme", new EmailAddress("owner@acme.io"), Optional.of(PASSWORD)));
    private final TenantId tenant = acme.tenant().id();
    private final RootAuthority rootToken = world.useCases.authenticateRoot().authenticateRoot(tenant, acme.rootToken());

    private final Principal founder = principal(world.useCases.registerUser().register(new RegisterUserUseCase.Command(
            tenant, new EmailAddress("founder@corp.io"), PASSWORD, ClientInfo.UNKNOWN, TokenProfile.NATIVE)).authenticated());
    private final User deputy = add(founder, "deputy@corp.io", Role.ACCOUNT_ADMIN);
    private final User member = add(founder, "member@corp.io", Role.USER);
    /** The deputy's token, obtained while they were an admin; every test changes the deputy behind it. */
    private final Principal deputysToken = principal(login(deputy.email()));

    private User add(Principal by, String email, Role role) {
        return world.useCases.addAccountUser().add(by, new AddAccountUserUseCase.Command(Optional.empty(),
                new EmailAddress(email), PASSWORD, role, ClientInfo.UNKNOWN));
    }

    private Authenticated login(EmailAddress email) {
        return world.useCases.login().login(new LoginUseCase.Command(tenant, email, PASSWORD, ClientInfo.UNKNOWN,
                TokenProfile.NATIVE)).authenticated();
    }

    private Principal principal(Authenticated session) {
        return world.useCases.authenticate().authenticate(tenant, session.accessToken().value());
    }

    /** Each account change the deputy's token could attempt; all must be refused. */
    private void everyAccountChangeIsRefused(Principal stale) {
        Consumer<Runnable> refused = action -> assertThatThrownBy(action::run).isInstanceOf(NotPermitted.class);
        refused.accept(() -> add(stale, "intruder@corp.io", Role.ACCOUNT_ADMIN));
        refused.accept(() -> world.useCases.changeUserRole().changeRole(stale, member.id(), Role.ACCOUNT_ADMIN, CLIENT));
        refused.accept(() -> world.useCases.removeAccountUser().remove(stale, founder.userId(), CLIENT));
        refused.accept(() -> world.useCases.account().rename(stale, "Taken over"));
        assertThat(world.users.findByEmail(tenant, new EmailAddress("intruder@corp.io"))).isEmpty();
        assertThat(world.users.findById(tenant, member.id()).orElseThrow().role()).isEqualTo(Role.USER);
        assertThat(world.users.findById(tenant, founder.userId())).isPresent();
    }

    @Test
    void aDemotedAdminsTokenStillInHandChangesNothingInTheAccount() {
        world.useCases.changeUserRole().changeRole(founder, deputy.id(), Role.USER, CLIENT);

        everyAccountChangeIsRefused(deputysToken);
    }

    @Test
    void aTokenWhoseRevocationWasBypassedActsWithTheStoredRoleNotTheClaimedOne() {
        world.users.updateRole(tenant, deputy.id(), Role.USER); // no session ended: as if revocation never came

        everyAccountChangeIsRefused(deputysToken);
    }

    @Test
    void aDisabledAdminsTokenChangesNothing() {
        world.users.updateStatus(tenant, deputy.id(), UserStatus.DISABLED);

        everyAccountChangeIsRefused(deputysToken);
    }

    @Test
    void aRemovedAdminsTokenChangesNothing() {
        world.useCases.removeAccountUser().remove(founder, deputy.id(), CLIENT);

        everyAccountChangeIsRefused(deputysToken);
    }

    @Test
    void anAdminMovedToAnotherAccountActsInNeitherWithTheOldToken() {
        AccountId elsewhere = world.useCases.registerUser().register(new RegisterUserUseCase.Command(tenant,
                new EmailAddress("other@else.io"), PASSWORD, ClientInfo.UNKNOWN, TokenProfile.NATIVE)).authenticated().user().accountId();
        world.users.updateAccount(tenant, deputy.id(), elsewhere);

        everyAccountChangeIsRefused(deputysToken);
    }

    @Test
    void anAdminWhoseStoredStateIsUnchangedStillActs() {
        assertThatCode(() -> world.useCases.changeUserRole().changeRole(deputysToken, member.id(), Role.ACCOUNT_ADMIN,
                CLIENT)).doesNotThrowAnyException();
        assertThat(add(deputysToken, "newcomer@corp.io", Role.USER).accountId()).isEqualTo(deputy.accountId());
    }

    @Test
    void aResetCodeRequestedWithAKeyIsRecordedAsThatKeysDoingAndWithTheRootTokenAsRoots() {
        ApiKeysUseCase.CreatedSecretKey created = world.useCases.apiKeys().createSecretKey(rootToken, "support",
                Set.of(Scope.USERS_WRITE));
        RootAuthority key = world.useCases.apiKeys().authenticateSecretKey(created.secret());

        world.useCases.passwordReset().issueCode(key, member.email(), false, CLIENT);
        world.useCases.passwordReset().issueCode(rootToken, member.email(), false, CLIENT);

        assertThat(world.audit.events(AuditEventType.PASSWORD_RESET_REQUESTED)).extracting(AuditEvent::actor)
                .containsExactly(AuditEvent.secretKey(created.key().id()), AuditEvent.ROOT);
    }

    @Test
    void aKeyRevokesOnlyKeysWhoseScopesItHoldsItselfAndTheRootTokenRevokesAny() {
        RootAuthority keyAdmin = world.useCases.apiKeys().authenticateSecretKey(world.useCases.apiKeys()
                .createSecretKey(rootToken, "key admin", Set.of(Scope.KEYS_ADMIN, Scope.USERS_READ)).secret());
        ApiKeysUseCase.CreatedSecretKey everything = world.useCases.apiKeys().createSecretKey(rootToken, "all", Scope.ALL);
        ApiKeysUseCase.CreatedSecretKey reader = world.useCases.apiKeys().createSecretKey(rootToken, "reader",
                Set.of(Scope.USERS_READ));

        assertThatThrownBy(() -> world.useCases.apiKeys().revokeSecretKey(keyAdmin, everything.key().id()))
                .isInstanceOf(NotPermitted.class);
        assertThat(world.useCases.apiKeys().authenticateSecretKey(everything.secret()).scopes()).isEqualTo(Scope.ALL);
        assertThat(world.audit.events(AuditEventType.API_KEY_REVOKED)).isEmpty();

        world.useCases.apiKeys().revokeSecretKey(keyAdmin, reader.key().id());
        world.useCases.apiKeys().revokeSecretKey(rootToken, everything.key().id());
        assertThat(world.audit.events(AuditEventType.API_KEY_REVOKED)).hasSize(2);
    }
}
