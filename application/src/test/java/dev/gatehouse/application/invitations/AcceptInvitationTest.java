package dev.gatehouse.application.invitations;

import static dev.gatehouse.application.invitations.InvitationFixture.CLIENT;
import static dev.gatehouse.application.invitations.InvitationFixture.PASSWORD;
import static dev.gatehouse.application.invitations.InvitationFixture.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.gatehouse.application.accounts.port.in.AddAccountUserUseCase;
import dev.gatehouse.application.auth.port.in.LoginUseCase;
import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.port.in.SecondFactorRequired;
import dev.gatehouse.application.port.in.SignInOutcome;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.application.tenants.port.in.ProvisionTenantUseCase;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.InvalidCode;
import dev.gatehouse.domain.error.InvalidCredentials;
import dev.gatehouse.domain.error.InvitationConflict;
import dev.gatehouse.domain.error.NotPermitted;
import dev.gatehouse.domain.error.PasswordRejected;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.invitation.Invitation;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.tenant.MfaPolicy;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import dev.gatehouse.domain.user.PasswordHash;
import dev.gatehouse.domain.user.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Accepting an invitation: a new user, an existing one (ADR 0026), and every way a link is refused. */
class AcceptInvitationTest {
    private final InvitationFixture fx = InvitationFixture.create("pk_accept");
    private final Authenticated admin = fx.signUp("admin@acme.io");
    private final AccountId acme = admin.user().accountId();

    private String invite(String email, Role role) {
        fx.invite(admin, email, role);
        return fx.tokenSentTo(email);
    }

    // ---------------------------------------------------------------- a new user

    @Test
    void acceptingCreatesAVerifiedUserInTheInvitingAccountWithTheRoleAndSignsThemIn() {
        Invitation invitation = fx.invite(admin, "new@example.io", Role.ACCOUNT_ADMIN);
        String token = fx.tokenSentTo("new@example.io");

        Authenticated joined = fx.accept(token).authenticated();

        User user = joined.user();
        assertThat(user.email().value()).isEqualTo("new@example.io");
        assertThat(user.accountId()).isEqualTo(acme);
        assertThat(user.role()).isEqualTo(Role.ACCOUNT_ADMIN);
        assertThat(user.emailVerified()).isTrue();
        assertThat(fx.world.users.findById(fx.tenant.id(), user.id())).contains(user);
        assertThat(fx.principal(joined).accountId()).isEqualTo(acme);
        assertThat(fx.signIn("new@example.io").user().id()).isEqualTo(user.id());
        assertThat(fx.world.invitations.all()).isEmpty();
        AuditEvent accepted = fx.world.audit.events(AuditEventType.INVITATION_ACCEPTED).getFirst();
        assertThat(accepted.actor()).isEqualTo(user.id().toString()).isEqualTo(accepted.subject());
        assertThat(accepted.details()).containsEntry("existingUser", "false").containsEntry("role", "ACCOUNT_ADMIN")
                .containsEntry("accountId", acme.toString()).containsEntry("invitation", invitation.id().toString());
        assertThat(fx.world.audit.events().toString()).doesNotContain(token).doesNotContain("new@example.io");
    }

    @Test
    void withoutAPasswordTheNewUserHasNoneAndSignsInByOtherMeans() {
        String token = invite("new@example.io", Role.USER);

        User user = fx.accept(token, Optional.empty(), Optional.empty()).authenticated().user();

        assertThat(user.passwordHash()).isEqualTo(PasswordHash.NONE);
        assertThatThrownBy(() -> fx.signIn("new@example.io")).isInstanceOf(InvalidCredentials.class);
    }

    @Test
    void aPasswordMustPassTheTenantsPolicyAndScreeningAndARefusalLeavesTheLinkUsable() {
        String token = invite("newcomer@example.io", Role.USER);

        for (String weak : List.of("short", "password123", "newcomer2024!")) {
            assertThatThrownBy(() -> fx.accept(token, Optional.of(new Password(weak)), Optional.empty()))
                    .as(weak).isInstanceOf(PasswordRejected.class);
        }
        assertThat(fx.world.users.findByEmail(fx.tenant.id(), new EmailAddress("newcomer@example.io"))).isEmpty();
        assertThat(fx.accept(token).authenticated().user().email().value()).isEqualTo("newcomer@example.io");
    }

    @Test
    void aLinkWorksOnceAndNeverAfterItsSevenDaysOrWhenUnknownBlankOrOfAnotherTenant() {
        String used = invite("used@example.io", Role.USER);
        fx.accept(used);
        String late = invite("late@example.io", Role.USER);
        String foreign = invite("foreign@example.io", Role.USER);
        InvitationFixture other = fx.otherTenant("pk_other");

        assertThatThrownBy(() -> fx.accept(used)).isInstanceOf(InvalidCode.class)
                .hasMessage("invalid or expired invitation: ask for a new one");
        for (String bad : List.of("", "   ", "inv_nothing", "x".repeat(500), used + "x")) {
            assertThatThrownBy(() -> fx.accept(bad)).as(bad).isInstanceOf(InvalidCode.class);
        }
        assertThatThrownBy(() -> other.accept(foreign)).isInstanceOf(InvalidCode.class);
        fx.world.clock.advance(Invitation.LIFETIME);
        assertThatThrownBy(() -> fx.accept(late)).isInstanceOf(InvalidCode.class)
                .extracting(e -> ((InvalidCode) e).field()).isEqualTo("token");
        assertThat(fx.world.users.findByEmail(fx.tenant.id(), new EmailAddress("late@example.io"))).isEmpty();
        assertThat(fx.world.invitations.deleteExpiredBefore(fx.world.clock.now().plusSeconds(1))).isEqualTo(2);
    }

    @Test
    void ofSimultaneousAcceptancesOfOneLinkExactlyOneCreatesTheUser() throws Exception {
        String token = invite("new@example.io", Role.USER);
        int racers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(racers);
        List<Future<Object>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < racers; i++) {
                Callable<Object> racer = () -> {
                    start.await();
                    try {
                        return fx.accept(token);
                    } catch (InvalidCode refused) {
                        return refused;
                    }
                };
                outcomes.add(threads.submit(racer));
            }
            start.countDown();
            List<Object> results = new ArrayList<>();
            for (Future<Object> outcome : outcomes) {
                results.add(outcome.get());
            }
            assertThat(results).filteredOn(Authenticated.class::isInstance).hasSize(1);
            assertThat(results).filteredOn(InvalidCode.class::isInstance).hasSize(racers - 1);
        } finally {
            threads.shutdownNow();
        }
        assertThat(fx.world.users.findByEmail(fx.tenant.id(), new EmailAddress("new@example.io"))).isPresent();
        assertThat(fx.world.audit.events(AuditEventType.INVITATION_ACCEPTED)).hasSize(1);
    }

    @Test
    void theTenantsMfaPolicyAppliesToTheNewUsersFirstSession() {
        String token = invite("new@example.io", Role.USER);
        fx.settings(fx.settings().withMfa(MfaPolicy.ALL));

        SignInOutcome outcome = fx.accept(token);

        assertThat(outcome).isInstanceOf(SecondFactorRequired.class);
        assertThat(((SecondFactorRequired) outcome).enrolmentRequired()).isTrue();
        assertThat(fx.world.users.findByEmail(fx.tenant.id(), new EmailAddress("new@example.io"))).isPresent();
    }

    // ---------------------------------------------------------------- an existing user (ADR 0026)

    @Test
    void withoutTheInvitedUsersTokenAnExistingAddressAnswersSignInFirstAlikeAndNothingIsSpent() {
        Authenticated ann = fx.signUp("ann@example.io");
        Authenticated bob = fx.signUp("bob@example.io");
        String token = invite("ann@example.io", Role.USER);

        Throwable anonymous = catchThrowable(() -> fx.accept(token));
        Throwable asBob = catchThrowable(() -> fx.accept(token, Optional.empty(),
                Optional.of(fx.principal(bob))));

        assertThat(anonymous).isInstanceOf(InvitationConflict.class).hasMessageContaining("sign in as the invited user");
        assertThat(asBob).isInstanceOf(InvitationConflict.class).hasMessage(anonymous.getMessage());
        assertThat(fx.world.users.findById(fx.tenant.id(), ann.user().id())).contains(ann.user());
        assertThat(fx.world.invitations.all()).hasSize(1);
    }

    @Test
    void theSignedInInvitedUserAloneInTheirAccountMovesAndTheirSessionsEndAndTheEmptiedAccountGoes() {
        Authenticated ann = fx.signUp("ann@example.io");
        Authenticated annElsewhere = fx.signIn("ann@example.io");
        AccountId annsOwn = ann.user().accountId();
        fx.invite(fx.signUp("solo-inviter@example.io"), "stray@example.io", Role.USER); // another account's
        String token = invite("ann@example.io", Role.USER);
        assertThat(ann.user().emailVerified()).isFalse();

        Authenticated moved = fx.accept(token, Optional.of(new Password("ignored for existing")),
                Optional.of(fx.principal(ann))).authenticated();

        User user = fx.world.users.findById(fx.tenant.id(), ann.user().id()).orElseThrow();
        assertThat(moved.user()).isEqualTo(user);
        assertThat(user.accountId()).isEqualTo(acme);
        assertThat(user.role()).isEqualTo(Role.USER);
        assertThat(user.emailVerified()).isTrue();
        assertThat(user.securityStamp()).isNotEqualTo(ann.user().securityStamp());
        assertThat(fx.world.accounts.findById(fx.tenant.id(), annsOwn)).as("the emptied account").isEmpty();
        assertThatThrownBy(() -> fx.principal(ann)).isInstanceOf(Unauthenticated.class);
        assertThatThrownBy(() -> fx.principal(annElsewhere)).isInstanceOf(Unauthenticated.class);
        assertThat(fx.principal(moved).accountId()).isEqualTo(acme);
        assertThat(fx.signIn("ann@example.io").user().accountId()).as("the password stays").isEqualTo(acme);
        AuditEvent accepted = fx.world.audit.events(AuditEventType.INVITATION_ACCEPTED).getFirst();
        assertThat(accepted.details()).containsEntry("existingUser", "true").containsEntry("fromAccountId",
                annsOwn.toString()).containsEntry("sessionsEnded", "2");
        assertThat(fx.world.audit.events(AuditEventType.EMAIL_VERIFIED)).extracting(e -> e.details().get("by"))
                .containsExactly("invitation");
        assertThatThrownBy(() -> fx.accept(token, Optional.empty(), Optional.of(fx.principal(moved))))
                .isInstanceOf(InvalidCode.class);
    }

    @Test
    void aUserWhoseAccountHasOtherMembersMustLeaveItFirstAndTheLinkStaysGood() {
        Authenticated ann = fx.signUp("ann@example.io");
        fx.world.useCases.addAccountUser().add(fx.principal(ann), new AddAccountUserUseCase.Command(Optional.empty(),
                new EmailAddress("annsfriend@example.io"), PASSWORD, Role.USER, CLIENT));
        String token = invite("ann@example.io", Role.ACCOUNT_ADMIN);

        assertThatThrownBy(() -> fx.accept(token, Optional.empty(), Optional.of(fx.principal(ann))))
                .isInstanceOf(InvitationConflict.class).hasMessageContaining("leave it");
        assertThat(fx.world.users.findById(fx.tenant.id(), ann.user().id()).orElseThrow().accountId())
                .isEqualTo(ann.user().accountId());
        assertThat(fx.principal(ann).userId()).isEqualTo(ann.user().id());

        Principal friend = fx.principal(fx.signIn("annsfriend@example.io"));
        fx.world.useCases.removeAccountUser().remove(fx.principal(ann), friend.userId(), CLIENT);
        assertThat(fx.accept(token, Optional.empty(), Optional.of(fx.principal(ann))).authenticated().user().role())
                .isEqualTo(Role.ACCOUNT_ADMIN);
    }

    @Test
    void theTenantsRootUserIsNeverMovedNorLoweredByAnInvitation() {
        ProvisionTenantUseCase.Provisioned acme2 = fx.world.useCases.provisionTenant().create(
                new ProvisionTenantUseCase.Command("Acme", new EmailAddress("owner@acme2.io"), Optional.of(PASSWORD)));
        InvitationFixture owned = new InvitationFixture(fx.world, acme2.tenant());
        Authenticated other = owned.signUp("other-admin@acme2.io");
        owned.invite(other, "owner@acme2.io", Role.USER);
        String token = owned.tokenSentTo("owner@acme2.io");
        Authenticated owner = fx.world.useCases.login().login(new LoginUseCase.Command(acme2.tenant().id(),
                new EmailAddress("owner@acme2.io"), PASSWORD, CLIENT, TokenProfile.NATIVE)).authenticated();

        assertThatThrownBy(() -> owned.accept(token, Optional.empty(), Optional.empty()))
                .isInstanceOf(InvitationConflict.class);
        assertThatThrownBy(() -> owned.accept(token, Optional.empty(), Optional.of(owned.principal(owner))))
                .isInstanceOf(NotPermitted.class);
        assertThat(owned.world.users.findById(acme2.tenant().id(), owner.user().id())).contains(owner.user());
    }

    @Test
    void aMemberOfTheInvitingAccountAlreadyIsToldSo() {
        String token = invite("later@example.io", Role.USER);
        fx.world.useCases.addAccountUser().add(fx.principal(admin), new AddAccountUserUseCase.Command(Optional.empty(),
                new EmailAddress("later@example.io"), PASSWORD, Role.USER, CLIENT));
        Principal later = fx.principal(fx.signIn("later@example.io"));

        assertThatThrownBy(() -> fx.accept(token, Optional.empty(), Optional.of(later)))
                .isInstanceOf(InvitationConflict.class).hasMessageContaining("member of this account already");
    }

    @Test
    void aSecondFactorStillGuardsTheMovedUsersNewSession() {
        Authenticated ann = fx.signUp("ann@example.io");
        String token = invite("ann@example.io", Role.USER);
        fx.settings(fx.settings().withMfa(MfaPolicy.ALL));

        SignInOutcome outcome = fx.accept(token, Optional.empty(), Optional.of(fx.principal(ann)));

        assertThat(outcome).isInstanceOf(SecondFactorRequired.class);
        assertThat(fx.world.users.findById(fx.tenant.id(), ann.user().id()).orElseThrow().accountId()).isEqualTo(acme);
    }

    @Test
    void anInvitationTheRootTokenSentIsAcceptedLikeAnAdminsOne() {
        fx.invitations().invite(fx.rootToken(), command(acme, "byroot@example.io", Role.ACCOUNT_ADMIN));

        User user = fx.accept(fx.tokenSentTo("byroot@example.io")).authenticated().user();

        assertThat(user.accountId()).isEqualTo(acme);
        assertThat(user.role()).isEqualTo(Role.ACCOUNT_ADMIN);
    }
}
