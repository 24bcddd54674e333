package dev.gatehouse.application.mfa;

import static dev.gatehouse.application.mfa.MfaFixture.CLIENT;
import static dev.gatehouse.application.mfa.MfaFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.mfa.MfaFixture.Enrolled;
import dev.gatehouse.application.mfa.port.in.EnrolTotpUseCase;
import dev.gatehouse.application.mfa.port.in.ManageMfaUseCase;
import dev.gatehouse.application.mfa.port.in.MfaActor;
import dev.gatehouse.application.mfa.port.in.ReauthenticateUseCase;
import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.application.sessions.port.in.RefreshUseCase;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.InvalidCode;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.error.InvalidMfaToken;
import dev.gatehouse.domain.error.MfaConflict;
import dev.gatehouse.domain.error.NotPermitted;
import dev.gatehouse.domain.error.ReauthenticationRequired;
import dev.gatehouse.domain.error.UserNotFound;
import dev.gatehouse.domain.mail.MailKind;
import dev.gatehouse.domain.mfa.RecoveryCode;
import dev.gatehouse.domain.mfa.TotpCode;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import dev.gatehouse.application.support.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A signed-in user's own factor changes behind the step-up window (enrol, turn off, new recovery codes), the
 * re-authentication that renews it, and the administrator's reset.
 */
class MfaManagementTest {
    private static final EmailAddress ADA = new EmailAddress("ada@example.com");
    private static final Duration PAST_THE_WINDOW = Settings.DEFAULT.reauthWindow().plusSeconds(1);

    private final MfaFixture fixture = MfaFixture.create("pk_mfa_manage");

    private ManageMfaUseCase manage() {
        return fixture.mfa().manageMfa();
    }

    private void disable(Principal principal, Optional<TotpCode> code, Optional<RecoveryCode> recoveryCode) {
        manage().disable(principal, new ManageMfaUseCase.DisableCommand(code, recoveryCode, CLIENT));
    }

    private List<RecoveryCode> renew(Principal principal, TotpCode code) {
        return manage().renewRecoveryCodes(principal, new ManageMfaUseCase.RenewCommand(code, CLIENT));
    }

    private void reauthenticate(Principal principal, Optional<Password> password, Optional<TotpCode> code) {
        fixture.mfa().reauthenticate().reauthenticate(principal, new ReauthenticateUseCase.Command(password, code,
                CLIENT));
    }

    private EnrolTotpUseCase.Enrolment begin(Principal principal) {
        return fixture.mfa().enrolTotp().begin(new MfaActor.SignedIn(principal), CLIENT);
    }

    // --- step-up ---

    @Test
    void pastTheReauthenticationWindowEnrolDisableAndRenewAskForIt() {
        Principal bo = fixture.principal(fixture.verifiedUser(new EmailAddress("bo@example.com")));
        Enrolled ada = fixture.enrolledUser(ADA);
        fixture.world.clock.advance(PAST_THE_WINDOW);
        TotpCode code = fixture.code(ada.secret());

        assertThatThrownBy(() -> begin(bo)).isInstanceOf(ReauthenticationRequired.class);
        assertThatThrownBy(() -> disable(ada.principal(), Optional.of(code), Optional.empty()))
                .isInstanceOf(ReauthenticationRequired.class);
        assertThatThrownBy(() -> disable(ada.principal(), Optional.empty(), Optional.of(ada.recoveryCodes().getFirst())))
                .isInstanceOf(ReauthenticationRequired.class);
        assertThatThrownBy(() -> renew(ada.principal(), code)).isInstanceOf(ReauthenticationRequired.class);

        assertThat(fixture.totpOn(ADA)).isTrue();
        assertThat(manage().status(ada.principal()).recoveryCodesLeft()).as("no code was spent").isEqualTo(RecoveryCode.COUNT);
        assertThat(fixture.verify(fixture.secondStep(ADA).mfaToken(), code)).as("nor the TOTP code").isNotNull();
    }

    @Test
    void thePasswordRenewsTheWindowAndAWrongOneRenewsNothing() {
        Principal ada = fixture.principal(fixture.verifiedUser(ADA));
        fixture.world.clock.advance(PAST_THE_WINDOW);

        assertThatThrownBy(() -> reauthenticate(ada, Optional.of(new Password("not the password")), Optional.empty()))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> begin(ada)).isInstanceOf(ReauthenticationRequired.class);

        reauthenticate(ada, Optional.of(PASSWORD), Optional.empty());

        assertThat(begin(ada).secret()).isNotBlank();
        assertThat(fixture.world.audit.events(AuditEventType.REAUTHENTICATED)).singleElement()
                .satisfies(event -> assertThat(event.details()).containsEntry("method", "password"));
        fixture.world.clock.advance(PAST_THE_WINDOW);
        assertThatThrownBy(() -> begin(ada)).as("until the window passes again")
                .isInstanceOf(ReauthenticationRequired.class);
    }

    @Test
    void aTotpCodeRenewsTheWindowOnceAndIsSpentForEveryOtherUse() {
        Enrolled ada = fixture.enrolledUser(ADA);
        fixture.world.clock.advance(PAST_THE_WINDOW);
        TotpCode code = fixture.code(ada.secret());

        reauthenticate(ada.principal(), Optional.empty(), Optional.of(code));

        fixture.nextStep();
        assertThat(renew(ada.principal(), fixture.code(ada.secret()))).hasSize(RecoveryCode.COUNT);
        fixture.world.clock.advance(PAST_THE_WINDOW);
        TotpCode later = fixture.code(ada.secret());
        reauthenticate(ada.principal(), Optional.empty(), Optional.of(later));
        assertThatThrownBy(() -> reauthenticate(ada.principal(), Optional.empty(), Optional.of(later)))
                .as("the same code again").isInstanceOf(InvalidCode.class);
        assertThatThrownBy(() -> fixture.verify(fixture.secondStep(ADA).mfaToken(), later))
                .as("the same code to sign in").isInstanceOf(InvalidCode.class);
        assertThat(fixture.world.audit.events(AuditEventType.REAUTHENTICATED))
                .extracting(event -> event.details().get("method")).containsExactly("totp", "totp");
    }

    @Test
    void reauthenticationTakesExactlyOneProofAndACodeOnlyFromAUserWithAFactor() {
        Principal ada = fixture.principal(fixture.verifiedUser(ADA));

        assertThatThrownBy(() -> reauthenticate(ada, Optional.empty(), Optional.empty()))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> reauthenticate(ada, Optional.of(PASSWORD), Optional.of(new TotpCode("123456"))))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> reauthenticate(ada, Optional.empty(), Optional.of(new TotpCode("123456"))))
                .isInstanceOf(InvalidCode.class);
        assertThat(fixture.world.audit.events(AuditEventType.REAUTHENTICATED)).isEmpty();
    }

    @Test
    void aRefreshDoesNotRenewTheWindow() {
        Authenticated session = fixture.verifiedUser(ADA);
        fixture.world.clock.advance(PAST_THE_WINDOW);

        Authenticated refreshed = fixture.world.useCases.refresh().refresh(new RefreshUseCase.Command(
                fixture.tenant.id(), session.refreshToken(), CLIENT));

        assertThatThrownBy(() -> begin(fixture.principal(refreshed))).isInstanceOf(ReauthenticationRequired.class);
    }

    // --- turning TOTP off, new recovery codes ---

    @Test
    void turningTotpOffWithACodeRemovesTheFactorAndTheCodesVoidsOpenSecondStepsAndTellsTheUser() {
        Enrolled ada = fixture.enrolledUser(ADA);
        String open = fixture.secondStep(ADA).mfaToken();

        disable(ada.principal(), Optional.of(fixture.code(ada.secret())), Optional.empty());

        assertThat(manage().status(ada.principal())).isEqualTo(new ManageMfaUseCase.Status(false, false, 0));
        assertThat(fixture.world.mfa.countUnusedRecoveryCodes(fixture.tenant.id(), ada.principal().userId())).isZero();
        assertThat(fixture.mailsTo(ADA, MailKind.MFA_DISABLED)).hasSize(1);
        assertThat(fixture.world.audit.events(AuditEventType.MFA_DISABLED)).singleElement()
                .satisfies(event -> assertThat(event.subject()).isEqualTo(AuditEvent.user(ada.principal().userId())));
        assertThatThrownBy(() -> fixture.verify(open, ada.recoveryCodes().getFirst()))
                .isInstanceOf(InvalidMfaToken.class);
        assertThat(fixture.login(ADA)).isInstanceOf(Authenticated.class);
        assertThatThrownBy(() -> disable(ada.principal(), Optional.of(fixture.code(ada.secret())), Optional.empty()))
                .as("nothing left to turn off").isInstanceOf(MfaConflict.class);
    }

    @Test
    void turningTotpOffWithARecoveryCodeWorksToo() {
        Enrolled ada = fixture.enrolledUser(ADA);

        disable(ada.principal(), Optional.empty(), Optional.of(ada.recoveryCodes().get(3)));

        assertThat(fixture.totpOn(ADA)).isFalse();
        assertThat(fixture.mailsTo(ADA, MailKind.MFA_DISABLED)).hasSize(1);
        assertThat(fixture.world.audit.events(AuditEventType.MFA_DISABLED)).hasSize(1);
        assertThat(fixture.world.audit.events(AuditEventType.RECOVERY_CODE_USED)).singleElement()
                .satisfies(event -> assertThat(event.details()).containsEntry("purpose", "disable"));
    }

    @Test
    void aWrongOrUsedCodeTurnsNothingOffAndTheCommandTakesExactlyOneCode() {
        Enrolled ada = fixture.enrolledUser(ADA);
        RecoveryCode used = ada.recoveryCodes().getFirst();
        fixture.verify(fixture.secondStep(ADA).mfaToken(), used);

        assertThatThrownBy(() -> disable(ada.principal(), Optional.empty(), Optional.of(used)))
                .isInstanceOf(InvalidCode.class);
        assertThatThrownBy(() -> disable(ada.principal(), Optional.of(fixture.wrongCode(ada.secret())), Optional.empty()))
                .isInstanceOf(InvalidCode.class);
        assertThatThrownBy(() -> disable(ada.principal(), Optional.empty(), Optional.empty()))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> disable(ada.principal(), Optional.of(fixture.code(ada.secret())),
                Optional.of(ada.recoveryCodes().get(1)))).isInstanceOf(InvalidInput.class);

        assertThat(fixture.totpOn(ADA)).isTrue();
        assertThat(fixture.mailsTo(ADA, MailKind.MFA_DISABLED)).isEmpty();
        assertThat(fixture.world.audit.events(AuditEventType.MFA_DISABLED)).isEmpty();
    }

    @Test
    void newRecoveryCodesVoidTheOldOnes() {
        Enrolled ada = fixture.enrolledUser(ADA);
        assertThatThrownBy(() -> renew(ada.principal(), fixture.wrongCode(ada.secret()))).isInstanceOf(InvalidCode.class);

        List<RecoveryCode> fresh = renew(ada.principal(), fixture.code(ada.secret()));

        assertThat(fresh).hasSize(RecoveryCode.COUNT).doesNotHaveDuplicates().doesNotContainAnyElementsOf(ada.recoveryCodes());
        String token = null;
        for (int i = 0; i < ada.recoveryCodes().size(); i++) {
            if (i % 4 == 0) {
                token = fixture.secondStep(ADA).mfaToken(); // a token dies at its fifth wrong code
            }
            String current = token;
            RecoveryCode old = ada.recoveryCodes().get(i);
            assertThatThrownBy(() -> fixture.verify(current, old)).as("old code %d", i).isInstanceOf(InvalidCode.class);
        }
        assertThat(fixture.verify(token, fresh.getFirst())).isNotNull();
        assertThat(fixture.world.audit.events(AuditEventType.RECOVERY_CODES_RENEWED)).hasSize(1);
    }

    // --- the administrator's reset ---

    @Test
    void anAdminResetRemovesTheFactorsEndsEverySessionAndIsAudited() {
        Enrolled ada = fixture.enrolledUser(ADA);
        String open = fixture.secondStep(ADA).mfaToken();
        RootAuthority root = new RootAuthority(fixture.tenant.id()).withClient(CLIENT);

        fixture.mfa().resetMfa().reset(root, ada.principal().userId(), CLIENT);

        assertThat(fixture.totpOn(ADA)).isFalse();
        assertThat(fixture.world.mfa.countUnusedRecoveryCodes(fixture.tenant.id(), ada.principal().userId())).isZero();
        assertThat(fixture.active(ada.session())).isFalse();
        assertThat(fixture.activeSessions(ADA)).isZero();
        assertThatThrownBy(() -> fixture.verify(open, ada.recoveryCodes().getFirst()))
                .isInstanceOf(InvalidMfaToken.class);
        assertThat(fixture.world.audit.events(AuditEventType.MFA_RESET_BY_ADMIN)).singleElement().satisfies(event -> {
            assertThat(event.actor()).isEqualTo(AuditEvent.ROOT);
            assertThat(event.subject()).isEqualTo(AuditEvent.user(ada.principal().userId()));
            assertThat(event.details()).containsEntry("hadFactor", "true").containsEntry("sessionsEnded", "1");
        });
        assertThat(fixture.mailsTo(ADA, MailKind.MFA_DISABLED)).hasSize(1);
        assertThat(fixture.login(ADA)).isInstanceOf(Authenticated.class);
    }

    @Test
    void aSecretKeyNeedsUsersWriteAndNoAuthorityReachesAnotherTenantsUser() {
        Enrolled ada = fixture.enrolledUser(ADA);
        UUID keyId = UUID.randomUUID();
        RootAuthority reader = RootAuthority.ofSecretKey(fixture.tenant.id(), Set.of(Scope.USERS_READ), keyId);
        RootAuthority stranger = new RootAuthority(fixture.world.newTenant("pk_mfa_stranger").id());

        assertThatThrownBy(() -> fixture.mfa().resetMfa().reset(reader, ada.principal().userId(), CLIENT))
                .isInstanceOf(NotPermitted.class);
        assertThatThrownBy(() -> fixture.mfa().resetMfa().reset(stranger, ada.principal().userId(), CLIENT))
                .isInstanceOf(UserNotFound.class);
        assertThat(fixture.totpOn(ADA)).isTrue();
        assertThat(fixture.active(ada.session())).isTrue();
        assertThat(fixture.world.audit.events(AuditEventType.MFA_RESET_BY_ADMIN)).isEmpty();

        RootAuthority writer = RootAuthority.ofSecretKey(fixture.tenant.id(), Set.of(Scope.USERS_WRITE), keyId);
        assertThatCode(() -> fixture.mfa().resetMfa().reset(writer, ada.principal().userId(), CLIENT))
                .doesNotThrowAnyException();
        assertThat(fixture.world.audit.events(AuditEventType.MFA_RESET_BY_ADMIN)).singleElement()
                .satisfies(event -> assertThat(event.actor()).isEqualTo(AuditEvent.secretKey(keyId)));
    }
}
