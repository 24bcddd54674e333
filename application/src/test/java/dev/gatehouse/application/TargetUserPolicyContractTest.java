package dev.gatehouse.application;

import dev.gatehouse.application.support.Settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.gatehouse.application.fakes.FakeWorld;
import dev.gatehouse.application.accounts.port.in.AddAccountUserUseCase;
import dev.gatehouse.application.invitations.port.in.InvitationsUseCase;
import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.auth.port.in.LoginUseCase;
import dev.gatehouse.application.tenants.port.in.ProvisionTenantUseCase;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.error.NotPermitted;
import dev.gatehouse.domain.policy.TargetUserPolicy;
import dev.gatehouse.domain.policy.UserAdministrationPolicy;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;
import dev.gatehouse.domain.user.UserStatus;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link TargetUserPolicy} over the use cases (docs/adr/0011-admin-user-management.md): every
 * inbound use case method that acts with an authority (a {@link RootAuthority} or a user's {@link Principal}) on a
 * target user (named by {@link UserId}, {@link EmailAddress} or {@link AccountId}, directly, in an {@code Optional}
 * or in a command or query record) is found by reflection, and each
 * must have a case here: acting on the tenant's root user, a secret key holding every scope is refused, and so is
 * an account admin's session; the root token is allowed wherever the route may touch a root user at all. A new
 * use case method that takes a target user and has no case fails {@link #everyUseCaseTakingATargetUserHasACase}.
 */
class TargetUserPolicyContractTest {
    private static final Password PASSWORD = new Password("long enough");
    private static final ClientInfo CLIENT = new ClientInfo("203.0.113.7", "contract/1.0");
    private static final Set<Class<?>> AUTHORITIES = Set.of(RootAuthority.class, Principal.class);
    private static final Set<Class<?>> TARGETS = Set.of(UserId.class, EmailAddress.class, AccountId.class);
    private static final String INVITATION_LINK = "https://app.acme.io/join";

    private final FakeWorld world = new FakeWorld(Settings.DEFAULT.withDevMode(true));
    private final ProvisionTenantUseCase.Provisioned acme = world.useCases.provisionTenant().create(
            new ProvisionTenantUseCase.Command("Acme", new EmailAddress("owner@acme.io"), Optional.of(PASSWORD)));
    private final TenantId tenant = acme.tenant().id();
    private final User owner = world.users.findByEmail(tenant, new EmailAddress("owner@acme.io")).orElseThrow();
    private final RootAuthority rootToken = world.useCases.authenticateRoot().authenticateRoot(tenant, acme.rootToken());
    private final RootAuthority everyScopeKey = world.useCases.apiKeys().authenticateSecretKey(
            world.useCases.apiKeys().createSecretKey(rootToken, "everything", Scope.ALL).secret());
    private final Principal ownersSession = principal(login(owner.email()));

    {
        world.useCases.tenantSettings().change(rootToken, settings -> settings.withAllowedRedirectUrls(
                Set.of(INVITATION_LINK)), CLIENT);
    }
    private final Principal accountAdmin = principal(login(world.useCases.addAccountUser().add(ownersSession,
            new AddAccountUserUseCase.Command(Optional.empty(), new EmailAddress("deputy@acme.io"), PASSWORD,
                    Role.ACCOUNT_ADMIN, ClientInfo.UNKNOWN)).email()));

    /**
     * A use case method's case. {@code act} runs it on the owner as the given authority (a {@link RootAuthority}
     * for root routes, a {@link Principal} for account routes); {@code rootTokenMay} says whether the root token may
     * do it (false where the route leaves root users to the operator altogether).
     */
    private record Case(Consumer<Object> act, boolean rootTokenMay) {
    }

    private Map<String, Case> cases() {
        UserAdministrationPolicy.Change disable = new UserAdministrationPolicy.Change(Optional.empty(),
                Optional.empty(), Optional.of(UserStatus.DISABLED));
        Map<String, Case> cases = new TreeMap<>();
        cases.put("PasswordResetUseCase.issueCode(RootAuthority,EmailAddress,boolean,ClientInfo)", new Case(
                a -> world.useCases.passwordReset().issueCode((RootAuthority) a, owner.email(), false, CLIENT), true));
        cases.put("ImpersonateUseCase.impersonateAccount(RootAuthority,AccountId,ClientInfo)", new Case(
                a -> world.useCases.impersonate().impersonateAccount((RootAuthority) a, owner.accountId(), CLIENT),
                true));
        cases.put("AdminSessionsUseCase.list(RootAuthority,UserId)", new Case(
                a -> world.useCases.adminSessions().list((RootAuthority) a, owner.id()), true));
        cases.put("AdminSessionsUseCase.revokeAll(RootAuthority,UserId)", new Case(
                a -> world.useCases.adminSessions().revokeAll((RootAuthority) a, owner.id()), true));
        cases.put("AdminUsersUseCase.change(RootAuthority,UserId,Change,ClientInfo)", new Case(
                a -> world.useCases.adminUsers().change((RootAuthority) a, owner.id(), disable, CLIENT), false));
        cases.put("AdminUsersUseCase.delete(RootAuthority,UserId,ClientInfo)", new Case(
                a -> world.useCases.adminUsers().delete((RootAuthority) a, owner.id(), CLIENT), false));
        cases.put("DevMailboxUseCase.mailsTo(RootAuthority,EmailAddress)", new Case(
                a -> world.useCases.devMailbox().mailsTo((RootAuthority) a, owner.email()), true));
        cases.put("RemoveAccountUserUseCase.remove(Principal,UserId,ClientInfo)", new Case(
                a -> world.useCases.removeAccountUser().remove((Principal) a, owner.id(), CLIENT), false));
        cases.put("ChangeUserRoleUseCase.changeRole(Principal,UserId,Role,ClientInfo)", new Case(
                a -> world.useCases.changeUserRole().changeRole((Principal) a, owner.id(), Role.USER, CLIENT), false));
        cases.put("ResetMfaUseCase.reset(RootAuthority,UserId,ClientInfo)", new Case(
                a -> world.useCases.mfa.resetMfa().reset((RootAuthority) a, owner.id(), CLIENT), true));
        cases.put("UpdateUserProfileUseCase.update(RootAuthority,UserId,ProfileEdit,ClientInfo)", new Case(
                a -> world.useCases.lifecycle.updateUserProfile().update((RootAuthority) a, owner.id(),
                        profile -> profile.withName("Owned"), CLIENT), true));
        cases.put("InvitationsUseCase.invite(RootAuthority,Command)", new Case(
                a -> world.useCases.invitations.invitations().invite((RootAuthority) a, new InvitationsUseCase.Command(
                        Optional.of(owner.accountId()), new EmailAddress("invitee@elsewhere.io"), Role.USER,
                        INVITATION_LINK, CLIENT)), true));
        return cases;
    }

    /**
     * Methods that name a user or an account but act on no existing user: reads that change and mint nothing (a key
     * may read the owner as it may list them), and the creation of a new user (whose address must be free).
     */
    private static final Map<String, String> NOT_ACTING_ON_A_USER = Map.ofEntries(Map.entry(
            "InvitationsUseCase.invite(Principal,Command)", "invites an address to the admin's own account (a root user"
                    + " may be invited, never moved: AcceptInvitationService refuses through the policy)"), Map.entry(
            "InvitationsUseCase.list(Principal,Query)", "reads the pending invitations of the admin's own account"),
            Map.entry("InvitationsUseCase.list(RootAuthority,Query)", "reads the pending invitations of an account"),
            Map.entry(
            "AdminUsersUseCase.get(RootAuthority,UserId)", "reads the user; the listing shows the same"),
            Map.entry("AdminUsersUseCase.list(RootAuthority,Query)", "reads a page of users, filtered by account"),
            Map.entry("ListAccountUsersUseCase.list(Principal,Query)", "reads a page of an account's users"),
            Map.entry("AddAccountUserUseCase.add(Principal,Command)", "creates a new user; the address must be free"),
            Map.entry("AddAccountUserUseCase.addAnsweringAlike(Principal,Command)",
                    "creates a new user, or notifies a taken address's owner; changes no existing user"),
            Map.entry("GetCurrentUserUseCase.remember(Principal,User)",
                    "replaces the caller's own cached user after a change"));

    @Test
    void everyUseCaseTakingATargetUserHasACase() throws Exception {
        Set<String> covered = new TreeSet<>(cases().keySet());
        covered.addAll(NOT_ACTING_ON_A_USER.keySet());
        assertThat(useCaseMethodsTakingATargetUser()).isEqualTo(covered);
    }

    @Test
    void aSecretKeyWithEveryScopeIsRefusedOnTheRootUserEverywhere() {
        cases().forEach((method, c) -> {
            if (isRootRoute(method)) {
                assertThatThrownBy(() -> c.act().accept(everyScopeKey)).as(method).isInstanceOf(NotPermitted.class);
            }
        });
        assertThat(world.users.findById(tenant, owner.id())).as("the owner is untouched").contains(owner);
    }

    @Test
    void theRootTokenMayActOnTheRootUserWhereTheRouteAllowsRootUsersAtAll() {
        cases().forEach((method, c) -> {
            if (isRootRoute(method)) {
                Throwable thrown = catchThrowable(() -> c.act().accept(rootToken));
                if (c.rootTokenMay()) {
                    assertThat(thrown).as(method).isNull();
                } else {
                    assertThat(thrown).as(method).isInstanceOf(NotPermitted.class);
                }
            }
        });
    }

    @Test
    void noUserSessionActsOnTheRootUserNotEvenTheRootUsersOwn() {
        cases().forEach((method, c) -> {
            if (!isRootRoute(method)) {
                assertThatThrownBy(() -> c.act().accept(accountAdmin)).as(method).isInstanceOf(NotPermitted.class);
                assertThatThrownBy(() -> c.act().accept(ownersSession)).as(method).isInstanceOf(NotPermitted.class);
            }
        });
        assertThat(world.users.findById(tenant, owner.id())).as("the owner is untouched").contains(owner);
    }

    private static boolean isRootRoute(String method) {
        return method.contains("(RootAuthority");
    }

    private Authenticated login(EmailAddress email) {
        return world.useCases.login().login(new LoginUseCase.Command(tenant, email, PASSWORD, ClientInfo.UNKNOWN,
                TokenProfile.NATIVE)).authenticated();
    }

    private Principal principal(Authenticated session) {
        return world.useCases.authenticate().authenticate(tenant, session.accessToken().value());
    }

    /** Abstract methods of the inbound ports with an authority and a target-user parameter, by signature. */
    static Set<String> useCaseMethodsTakingATargetUser() throws IOException, URISyntaxException {
        Path classes = Path.of(RootAuthority.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        // every feature's inbound ports: dev/gatehouse/application/**/port/in/*.class
        try (Stream<Path> files = Files.walk(classes)) {
            Set<String> found = files.map(f -> classes.relativize(f).toString().replace('\\', '/'))
                    .filter(name -> name.endsWith(".class") && !name.contains("$") && name.contains("/port/in/"))
                    .map(name -> load(name.substring(0, name.length() - ".class".length()).replace('/', '.')))
                    .filter(Class::isInterface)
                    .flatMap(type -> Arrays.stream(type.getDeclaredMethods()))
                    .filter(m -> Modifier.isAbstract(m.getModifiers()))
                    .filter(TargetUserPolicyContractTest::takesATargetUser)
                    .map(TargetUserPolicyContractTest::signature)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(found).as("the scan found the use cases at all").isNotEmpty();
            return found;
        }
    }

    private static boolean takesATargetUser(Method method) {
        Set<Class<?>> types = Arrays.stream(method.getParameterTypes()).collect(Collectors.toSet());
        return types.stream().anyMatch(AUTHORITIES::contains)
                && Arrays.stream(method.getGenericParameterTypes()).anyMatch(TargetUserPolicyContractTest::namesATarget);
    }

    /** A target type itself, an {@code Optional} of one, or a record (a command, a query) with such a component. */
    private static boolean namesATarget(Type type) {
        if (type instanceof ParameterizedType generic && generic.getRawType() == Optional.class) {
            return namesATarget(generic.getActualTypeArguments()[0]);
        }
        if (!(type instanceof Class<?> raw) || AUTHORITIES.contains(raw)) {
            return false; // the actor is no target, though a principal holds the acting user's ids
        }
        return TARGETS.contains(raw) || raw.isRecord() && Arrays.stream(raw.getRecordComponents())
                .map(RecordComponent::getGenericType)
                .anyMatch(t -> TARGETS.contains(t) || t instanceof ParameterizedType p
                        && p.getRawType() == Optional.class && TARGETS.contains(p.getActualTypeArguments()[0]));
    }

    private static String signature(Method m) {
        return m.getDeclaringClass().getSimpleName() + "." + m.getName() + Arrays.stream(m.getParameterTypes())
                .map(Class::getSimpleName).collect(Collectors.joining(",", "(", ")"));
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
