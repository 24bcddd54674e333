package dev.gatehouse.application.emailchange;

import static dev.gatehouse.application.emailchange.EmailChangeFixture.CLIENT;
import static dev.gatehouse.application.emailchange.EmailChangeFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.auth.port.in.LoginUseCase;
import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.application.recovery.port.in.PasswordResetUseCase;
import dev.gatehouse.application.sessions.port.in.RefreshUseCase;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.EmailAlreadyInUse;
import dev.gatehouse.domain.error.InvalidCode;
import dev.gatehouse.domain.error.InvalidCredentials;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.error.RateLimited;
import dev.gatehouse.domain.error.ReauthenticationRequired;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.mail.MailKind;
import dev.gatehouse.domain.mail.OutboxMail;
import dev.gatehouse.domain.session.RevocationReason;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The email change's rules on the in-memory fakes: the flow, what each mail says, and the abuse it must withstand. */
class EmailChangeTest {
    private static final EmailAddress ADA = new EmailAddress("ada@example.com");
    private static final EmailAddress NEW = new EmailAddress("ada.lovelace@example.org");
    private static final EmailAddress THIRD = new EmailAddress("countess@example.net");

    private final EmailChangeFixture f = new EmailChangeFixture(false);

    @Test
    void aConfirmedChangeSwitchesTheAddressVerifiedEndsOnlyTheOtherSessionsAndMailsTheOldAddressARevertLink() {
        Authenticated caller = f.register(ADA);
        Authenticated other = f.signIn(ADA);
        assertThat(f.world.useCases.currentUser().currentUser(f.principal(caller)).email()).isEqualTo(ADA);

        f.start(caller, NEW);

        OutboxMail codeMail = f.lastMail(NEW, MailKind.EMAIL_CHANGE);
        String code = f.code(NEW);
        assertThat(code).hasSize(12).matches("[A-HJ-NP-Z2-9]+");
        assertThat(codeMail.text()).contains("60 minutes");
        OutboxMail requested = f.lastMail(ADA, MailKind.EMAIL_CHANGE_REQUESTED);
        assertThat(requested.text()).contains("a***@example.org").doesNotContain(NEW.value()).doesNotContain(code);
        assertThat(f.user(ADA).email()).as("nothing changes before the code").isEqualTo(ADA);

        User changed = f.confirm(caller, code.toLowerCase().substring(0, 4) + "-" + code.substring(4));

        assertThat(changed.email()).isEqualTo(NEW);
        assertThat(changed.emailVerified()).isTrue();
        assertThat(changed.securityStamp()).as("a session-ending change").isEqualTo(caller.user().securityStamp().next());
        assertThat(f.world.users.findByEmail(f.tenant.id(), ADA)).isEmpty();
        // the caller's session lives on and shows the new address at once (its cached user was dropped)
        assertThat(f.world.useCases.currentUser().currentUser(f.principal(caller)).email()).isEqualTo(NEW);
        assertThat(f.world.useCases.refresh().refresh(new RefreshUseCase.Command(f.tenant.id(), caller.refreshToken(),
                CLIENT)).session().id()).isEqualTo(caller.session().id());
        assertThatThrownBy(() -> f.principal(other)).isInstanceOf(Unauthenticated.class);
        assertThat(f.world.sessions.findById(f.tenant.id(), other.session().id()).orElseThrow().revocationReason())
                .contains(RevocationReason.EMAIL_CHANGED);
        // the new address signs in, the old one no longer does
        assertThat(f.signIn(NEW).user().id()).isEqualTo(changed.id());
        assertThatThrownBy(() -> f.signIn(ADA)).isInstanceOf(InvalidCredentials.class);

        OutboxMail notice = f.lastMail(ADA, MailKind.EMAIL_CHANGED);
        String token = f.revertToken(ADA);
        assertThat(token).hasSizeGreaterThanOrEqualTo(43); // 256 bits, base64url
        assertThat(notice.text()).contains(EmailChangeFixture.APP + "?revertEmailChange=").contains("a***@example.org")
                .contains("7 days").doesNotContain(NEW.value());
        assertThatThrownBy(() -> f.confirm(caller, code)).as("the code works once").isInstanceOf(InvalidCode.class);

        List<AuditEvent> events = f.world.audit.events().stream()
                .filter(e -> e.type().name().startsWith("EMAIL_CHANGE")).toList();
        assertThat(events).extracting(AuditEvent::type)
                .containsExactly(AuditEventType.EMAIL_CHANGE_REQUESTED, AuditEventType.EMAIL_CHANGED);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.actor()).isEqualTo(AuditEvent.user(changed.id()));
            assertThat(e.subject()).isEqualTo(AuditEvent.user(changed.id()));
            assertThat(e.details().values()).noneMatch(v -> v.contains("@") || v.contains(code) || v.contains(token));
        });
        assertThat(events.get(0).details()).containsEntry("route", "native");
        assertThat(events.get(1).details()).containsEntry("sessionsEnded", "1");
    }

    @Test
    void theNativeStartNeedsStepUpTheCompatStartDoesNotAndBothNotifyTheCurrentAddress() {
        Authenticated caller = f.register(ADA);
        f.world.clock.advance(Duration.ofMinutes(11)); // past the 10-minute re-authentication window

        assertThatThrownBy(() -> f.start(caller, NEW)).isInstanceOf(ReauthenticationRequired.class);
        assertThat(f.mailsTo(NEW)).isEmpty();
        assertThat(f.mails(ADA, MailKind.EMAIL_CHANGE_REQUESTED)).isEmpty();

        f.startCompat(caller, NEW);

        assertThat(f.mails(NEW, MailKind.EMAIL_CHANGE)).hasSize(1);
        assertThat(f.mails(ADA, MailKind.EMAIL_CHANGE_REQUESTED)).as("the notice in place of step-up").hasSize(1);
        assertThat(f.world.audit.events(AuditEventType.EMAIL_CHANGE_REQUESTED)).singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("route", "compat"));
        assertThat(f.confirm(caller, f.code(NEW)).email()).as("the code confirms without step-up").isEqualTo(NEW);
    }

    @Test
    void aTakenAddressGetsANoticeInsteadOfACodeAndTheCallerSeesTheSameAsForAFreeOne() {
        Authenticated caller = f.register(ADA);
        f.register(THIRD);
        f.start(caller, NEW);
        String earlierCode = f.code(NEW);
        int mailsToAda = f.mailsTo(ADA).size();

        f.start(caller, THIRD);

        assertThat(f.mails(THIRD, MailKind.EMAIL_CHANGE)).as("no code to a taken address").isEmpty();
        OutboxMail notice = f.mailsTo(THIRD).get(f.mailsTo(THIRD).size() - 1);
        assertThat(notice.text()).contains("nothing was changed").contains("no code was sent");
        assertThat(f.mailsTo(ADA)).as("the caller's own mailbox sees the same as for a free address")
                .hasSize(mailsToAda + 1);
        assertThat(f.lastMail(ADA, MailKind.EMAIL_CHANGE_REQUESTED).text()).contains("c***@example.net");
        assertThatThrownBy(() -> f.confirm(caller, earlierCode)).as("the earlier change was replaced all the same")
                .isInstanceOf(InvalidCode.class);
        assertThat(f.user(ADA).email()).isEqualTo(ADA);
        assertThat(f.user(THIRD).email()).isEqualTo(THIRD);
    }

    @Test
    void startingAgainReplacesThePendingChangeAndItsCode() {
        Authenticated caller = f.register(ADA);
        f.start(caller, NEW);
        String first = f.code(NEW);
        f.start(caller, THIRD);
        String second = f.code(THIRD);

        assertThatThrownBy(() -> f.confirm(caller, first)).isInstanceOf(InvalidCode.class);
        assertThat(f.confirm(caller, second).email()).isEqualTo(THIRD);
    }

    @Test
    void afterFiveWrongCodesEvenTheRightOneFailsAndCodesExpireAfterAnHour() {
        Authenticated caller = f.register(ADA);
        f.start(caller, NEW);
        String code = f.code(NEW);
        for (String wrong : List.of("", "   ", "X".repeat(500), "ABCDEFGHJKLM")) {
            assertThatThrownBy(() -> f.confirm(caller, wrong)).isInstanceOf(InvalidCode.class);
        }
        assertThat(f.world.emailChanges.findPending(f.tenant.id(), caller.user().id()).orElseThrow().failedAttempts())
                .as("empty and oversized codes are refused without counting").isEqualTo(1);
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> f.confirm(caller, "ZZZZZZZZZZZZ")).isInstanceOf(InvalidCode.class);
        }
        assertThatThrownBy(() -> f.confirm(caller, code)).isInstanceOf(InvalidCode.class);
        assertThat(f.user(ADA).email()).isEqualTo(ADA);

        f.start(caller, NEW);
        String fresh = f.code(NEW);
        f.world.clock.advance(Duration.ofHours(1));
        Authenticated later = f.signIn(ADA); // the first access token has expired by now
        assertThatThrownBy(() -> f.confirm(later, fresh)).isInstanceOf(InvalidCode.class);
        assertThat(f.user(ADA).email()).isEqualTo(ADA);
    }

    @Test
    void aCodeWorksOnlyForTheUserWhoStartedTheChange() {
        Authenticated ada = f.register(ADA);
        Authenticated bob = f.register(new EmailAddress("bob@example.com"));
        dev.gatehouse.domain.tenant.Tenant other = f.world.newTenant("pk_emailchange_other");
        Authenticated adaElsewhere = f.world.useCases.registerUser().register(
                new dev.gatehouse.application.auth.port.in.RegisterUserUseCase.Command(other.id(), ADA, PASSWORD, CLIENT,
                        TokenProfile.NATIVE)).authenticated();
        f.start(ada, NEW);
        String code = f.code(NEW);

        assertThatThrownBy(() -> f.confirm(bob, code)).isInstanceOf(InvalidCode.class);
        assertThatThrownBy(() -> f.change().confirm(new dev.gatehouse.application.emailchange.port.in.ChangeEmailUseCase
                .ConfirmCommand(f.world.useCases.authenticate().authenticate(other.id(),
                        adaElsewhere.accessToken().value()), code, CLIENT))).isInstanceOf(InvalidCode.class);
        assertThat(f.world.users.findById(other.id(), adaElsewhere.user().id()).orElseThrow().email()).isEqualTo(ADA);
        assertThat(f.confirm(ada, code).email()).isEqualTo(NEW);
        assertThat(f.user(new EmailAddress("bob@example.com")).email().value()).isEqualTo("bob@example.com");
    }

    @Test
    void anAddressTakenAfterTheCodeWasMailedIsAConflictAndTheChangeEnds() {
        Authenticated caller = f.register(ADA);
        f.start(caller, NEW);
        String code = f.code(NEW);
        f.register(NEW);

        assertThatThrownBy(() -> f.confirm(caller, code)).isInstanceOf(EmailAlreadyInUse.class);

        assertThat(f.user(ADA).email()).isEqualTo(ADA);
        assertThat(f.world.emailChanges.findPending(f.tenant.id(), caller.user().id())).isEmpty();
        assertThat(f.world.audit.events(AuditEventType.EMAIL_CHANGED)).isEmpty();
        assertThat(f.principal(caller).userId()).as("no session ended").isEqualTo(caller.user().id());
    }

    @Test
    void theSameAddressIsRefusedAndADisabledUserCannotStart() {
        Authenticated caller = f.register(ADA);
        assertThatThrownBy(() -> f.start(caller, new EmailAddress(" ADA@Example.com ")))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("already your address");

        f.world.users.updateStatus(f.tenant.id(), caller.user().id(), UserStatus.DISABLED);
        assertThatThrownBy(() -> f.startCompat(caller, NEW)).isInstanceOf(Unauthenticated.class);
        assertThat(f.mailsTo(NEW)).isEmpty();
    }

    @Test
    void oneTimeCodesOfTheOldAddressDieWithTheChange() {
        Authenticated caller = f.register(ADA);
        f.world.useCases.passwordReset().requestReset(new PasswordResetUseCase.RequestCommand(f.tenant.id(), ADA,
                Optional.empty(), CLIENT));
        String resetCode = EmailChangeFixture.find("reset code: (\\S+)", f.lastMail(ADA, MailKind.PASSWORD_RESET).text());
        f.start(caller, NEW);
        f.confirm(caller, f.code(NEW));

        assertThat(f.world.oneTimeCodes.findLatest(f.tenant.id(), dev.gatehouse.domain.code.CodeKind.PASSWORD_RESET,
                ADA)).isEmpty();
        assertThatThrownBy(() -> f.world.useCases.passwordReset().reset(new PasswordResetUseCase.ResetCommand(
                f.tenant.id(), ADA, resetCode, new Password("what the thief wants"), CLIENT)))
                .isInstanceOf(InvalidCode.class);
    }

    @Test
    void theRevertLinkPutsTheOldAddressBackEndsEverySessionAndWorksOnce() {
        Authenticated owner = f.register(ADA);
        Authenticated thief = f.signIn(ADA);
        f.start(thief, NEW);
        f.confirm(thief, f.code(NEW));
        Authenticated thiefAgain = f.signIn(NEW);
        String token = f.revertToken(ADA);

        f.revertWith(" " + token + " ");

        User back = f.user(ADA);
        assertThat(back.id()).isEqualTo(owner.user().id());
        assertThat(back.emailVerified()).isTrue();
        assertThat(f.world.users.findByEmail(f.tenant.id(), NEW)).isEmpty();
        for (Authenticated session : List.of(owner, thief, thiefAgain)) {
            assertThatThrownBy(() -> f.principal(session)).isInstanceOf(Unauthenticated.class);
            assertThatThrownBy(() -> f.world.useCases.refresh().refresh(new RefreshUseCase.Command(f.tenant.id(),
                    session.refreshToken(), CLIENT))).isInstanceOf(Unauthenticated.class);
        }
        assertThat(f.world.audit.events(AuditEventType.EMAIL_CHANGE_REVERTED)).singleElement().satisfies(e -> {
            assertThat(e.subject()).isEqualTo(AuditEvent.user(back.id()));
            assertThat(e.details()).containsEntry("sessionsEnded", "2").allSatisfy((k, v) -> assertThat(v).doesNotContain("@"));
        });
        assertThat(f.signIn(ADA).user().id()).isEqualTo(back.id());

        assertThatThrownBy(() -> f.revertWith(token)).as("once").isInstanceOf(InvalidCode.class);
        for (String bad : new String[] {null, "", "x".repeat(500), "not-a-token"}) {
            assertThatThrownBy(() -> f.revertWith(bad)).isInstanceOf(InvalidCode.class);
        }
    }

    @Test
    void aRevertExpiresAfterSevenDaysAndAnAddressTakenMeanwhileIsAClearConflict() {
        Authenticated caller = f.register(ADA);
        f.start(caller, NEW);
        f.confirm(caller, f.code(NEW));
        String token = f.revertToken(ADA);
        f.register(ADA);

        assertThatThrownBy(() -> f.revertWith(token)).isInstanceOf(EmailAlreadyInUse.class)
                .hasMessageContaining("cannot be undone");
        assertThat(f.user(NEW).id()).isEqualTo(caller.user().id());
        assertThat(f.principal(caller).userId()).as("nothing ended").isEqualTo(caller.user().id());

        f.world.clock.advance(Duration.ofDays(7));
        f.world.users.delete(f.tenant.id(), f.user(ADA).id());
        assertThatThrownBy(() -> f.revertWith(token)).isInstanceOf(InvalidCode.class);
    }

    @Test
    void theOldestAddressHasTheLastWordOverAChainOfChanges() {
        Authenticated thief = f.register(ADA);
        f.start(thief, NEW);
        f.confirm(thief, f.code(NEW));
        String ownersToken = f.revertToken(ADA);
        f.world.clock.advance(Duration.ofSeconds(1));
        f.start(thief, THIRD);
        f.confirm(thief, f.code(THIRD));
        String thiefsToken = f.revertToken(NEW); // the second notice went to the thief's address

        f.revertWith(thiefsToken);
        assertThat(f.world.users.findById(f.tenant.id(), thief.user().id()).orElseThrow().email()).isEqualTo(NEW);
        f.revertWith(ownersToken);
        assertThat(f.world.users.findById(f.tenant.id(), thief.user().id()).orElseThrow().email()).isEqualTo(ADA);

        // the other way round: the owner's revert voids the later one the thief holds
        Authenticated again = f.signIn(ADA);
        f.start(again, NEW);
        f.confirm(again, f.code(NEW));
        String owners = f.revertToken(ADA);
        f.world.clock.advance(Duration.ofSeconds(1));
        f.start(again, THIRD);
        f.confirm(again, f.code(THIRD));
        String thiefs = f.revertToken(NEW);
        f.revertWith(owners);
        assertThatThrownBy(() -> f.revertWith(thiefs)).isInstanceOf(InvalidCode.class);
        assertThat(f.world.users.findById(f.tenant.id(), again.user().id()).orElseThrow().email()).isEqualTo(ADA);
    }

    @Test
    void aRevertEndsAPendingChangeAndTheSessionOfAThiefWhoKnowsNoPassword() {
        Authenticated thief = f.register(ADA);
        f.start(thief, NEW);
        f.confirm(thief, f.code(NEW));
        f.start(thief, THIRD);
        String pending = f.code(THIRD);

        f.revertWith(f.revertToken(ADA));

        assertThat(f.world.emailChanges.findPending(f.tenant.id(), thief.user().id())).isEmpty();
        assertThatThrownBy(() -> f.confirm(thief, pending)).isInstanceOf(Unauthenticated.class);
        assertThat(f.world.useCases.login().login(new LoginUseCase.Command(f.tenant.id(), ADA, PASSWORD, CLIENT,
                TokenProfile.NATIVE)).authenticated().user().email()).isEqualTo(ADA);
    }

    @Test
    void mailsEscapeTheAddressTheCallerChose() {
        Authenticated caller = f.register(ADA);
        EmailAddress odd = new EmailAddress("o'neil&{{code}}@example.org");

        f.start(caller, odd);

        OutboxMail codeMail = f.lastMail(odd, MailKind.EMAIL_CHANGE);
        assertThat(codeMail.html()).contains("o&#39;neil&amp;{{code}}@example.org").doesNotContain("o'neil&");
        assertThat(codeMail.text()).contains("o'neil&{{code}}@example.org");
        assertThat(f.lastMail(ADA, MailKind.EMAIL_CHANGE_REQUESTED).html()).contains("o***@example.org");
        User changed = f.confirm(caller, f.code(odd));
        assertThat(changed.email()).isEqualTo(odd);
    }

    @Test
    void startsCountAgainstTheRecoveryMailLimitsOfTheCurrentAndTheNewAddress() {
        EmailChangeFixture limited = new EmailChangeFixture(true);
        Authenticated caller = limited.register(ADA);
        for (int i = 0; i < 5; i++) {
            limited.start(caller, new EmailAddress("new" + i + "@example.org"));
        }
        assertThatThrownBy(() -> limited.start(caller, new EmailAddress("new5@example.org")))
                .as("the current address has had its 5 mails this hour").isInstanceOf(RateLimited.class);
        assertThat(limited.mailsTo(new EmailAddress("new5@example.org"))).isEmpty();

        EmailAddress target = new EmailAddress("wanted@example.org");
        for (int i = 0; i < 5; i++) {
            limited.start(limited.register(new EmailAddress("user" + i + "@example.com")), target);
        }
        Authenticated sixth = limited.register(new EmailAddress("user5@example.com"));
        assertThatThrownBy(() -> limited.start(sixth, target)).as("the new address has had its 5 mails this hour")
                .isInstanceOf(RateLimited.class);
        assertThat(limited.mails(target, MailKind.EMAIL_CHANGE)).hasSize(5);
    }
}
