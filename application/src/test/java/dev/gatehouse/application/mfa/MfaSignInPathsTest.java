package dev.gatehouse.application.mfa;

import static dev.gatehouse.application.mfa.MfaFixture.APP;
import static dev.gatehouse.application.mfa.MfaFixture.CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.auth.port.in.LoginUseCase;
import dev.gatehouse.application.auth.port.in.RegisterUserUseCase;
import dev.gatehouse.application.auth.port.in.RegisterUserUseCase.SignUpOutcome;
import dev.gatehouse.application.mfa.MfaFixture.Enrolled;
import dev.gatehouse.application.mfa.port.in.EnrolTotpUseCase;
import dev.gatehouse.application.mfa.port.in.MfaActor;
import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.port.in.SecondFactorRequired;
import dev.gatehouse.application.port.in.SignInOutcome;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.application.recovery.port.in.MagicLinkUseCase;
import dev.gatehouse.application.recovery.port.in.PasswordResetUseCase;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.EmailNotVerified;
import dev.gatehouse.domain.error.InvalidCode;
import dev.gatehouse.domain.error.InvalidMfaToken;
import dev.gatehouse.domain.mail.MailKind;
import dev.gatehouse.domain.mail.OutboxMail;
import dev.gatehouse.domain.mfa.MfaChallenge;
import dev.gatehouse.domain.mfa.RecoveryCode;
import dev.gatehouse.domain.mfa.TotpCode;
import dev.gatehouse.domain.mfa.TotpSecret;
import dev.gatehouse.domain.tenant.MfaPolicy;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every other way into a session meets the same gate: a password reset opens none, a magic link asks a TOTP user for
 * the second step, and under the tenant's {@code mfa.required: all} a user without a factor must enrol one (with the
 * sign-in's token, good for nothing else) before the sign-in completes.
 */
class MfaSignInPathsTest {
    private static final EmailAddress ADA = new EmailAddress("ada@example.com");
    private static final Password NEW = new Password("a brand new password");

    private final MfaFixture fixture = MfaFixture.create("pk_mfa_paths");

    private String mailed(EmailAddress to, MailKind kind, String regex) {
        OutboxMail mail = fixture.world.mailOutbox.latestTo(to.value()).orElseThrow();
        assertThat(mail.kind()).isEqualTo(kind);
        return URLDecoder.decode(MfaFixture.find(regex, mail.text()), StandardCharsets.UTF_8);
    }

    private void resetPassword(EmailAddress email, Password to) {
        PasswordResetUseCase reset = fixture.world.useCases.passwordReset();
        reset.requestReset(new PasswordResetUseCase.RequestCommand(fixture.tenant.id(), email, Optional.empty(), CLIENT));
        reset.reset(new PasswordResetUseCase.ResetCommand(fixture.tenant.id(), email,
                mailed(email, MailKind.PASSWORD_RESET, "reset code: (\\S+)"), to, CLIENT));
    }

    private SignInOutcome magicLink(EmailAddress email) {
        MagicLinkUseCase magic = fixture.world.useCases.magicLinks();
        magic.request(new MagicLinkUseCase.RequestCommand(fixture.tenant.id(), email, APP, CLIENT));
        return magic.signIn(new MagicLinkUseCase.SignInCommand(fixture.tenant.id(), email,
                mailed(email, MailKind.MAGIC_LINK, "\\?code=([^&\\s]+)&email="), CLIENT, TokenProfile.NATIVE));
    }

    private SecondFactorRequired enrolmentStep(SignInOutcome outcome) {
        assertThat(outcome).isInstanceOf(SecondFactorRequired.class);
        SecondFactorRequired step = (SecondFactorRequired) outcome;
        assertThat(step.purpose()).isEqualTo(MfaChallenge.Purpose.ENROL);
        assertThat(step.enrolmentRequired()).isTrue();
        return step;
    }

    private EnrolTotpUseCase.Confirmed confirm(MfaActor actor, TotpCode code) {
        return fixture.mfa().enrolTotp().confirm(actor, new EnrolTotpUseCase.ConfirmCommand(code, CLIENT,
                TokenProfile.NATIVE));
    }

    // --- password reset and magic links ---

    @Test
    void aPasswordResetKeepsTheFactorOpensNoSessionAndTheNextSignInStillAsksForTheCode() {
        Enrolled ada = fixture.enrolledUser(ADA);

        resetPassword(ADA, NEW);

        assertThat(fixture.totpOn(ADA)).isTrue();
        assertThat(fixture.activeSessions(ADA)).as("the reset ended every session and opened none").isZero();
        SignInOutcome next = fixture.world.useCases.login().login(new LoginUseCase.Command(fixture.tenant.id(), ADA,
                NEW, CLIENT, TokenProfile.NATIVE));
        assertThat(next).isInstanceOf(SecondFactorRequired.class);
        Authenticated signedIn = fixture.verify(((SecondFactorRequired) next).mfaToken(), ada.recoveryCodes().getFirst());
        assertThat(fixture.active(signedIn)).isTrue();
    }

    /**
     * A password reset ends every session; a half-finished sign-in made with the old password should end with them.
     * It does not yet: an mfaToken names its tenant and user only, and the second step re-reads the user, so the
     * session it opens is bound to the stamp the reset left. Fixing it binds the challenge to the user's security
     * stamp (MfaChallenge, the mfa_challenge table), which is beyond the application alone.
     */
    @Test
    void aSecondStepBegunBeforeAPasswordResetCannotBeFinishedAfterIt() {
        Enrolled ada = fixture.enrolledUser(ADA);
        String before = fixture.secondStep(ADA).mfaToken(); // whoever knew the old password

        resetPassword(ADA, NEW);

        assertThatThrownBy(() -> fixture.verify(before, fixture.code(ada.secret()))).isInstanceOf(InvalidMfaToken.class);
        assertThat(fixture.activeSessions(ADA)).isZero();
    }

    @Test
    void aMagicLinkSignInOfATotpUserAsksForTheSecondStep() {
        Enrolled ada = fixture.enrolledUser(ADA);
        int sessions = fixture.activeSessions(ADA);

        SignInOutcome outcome = magicLink(ADA);

        assertThat(outcome).isInstanceOf(SecondFactorRequired.class);
        MfaFixture.assertVerifyStep((SecondFactorRequired) outcome);
        assertThat(fixture.activeSessions(ADA)).isEqualTo(sessions);
        assertThat(fixture.verify(((SecondFactorRequired) outcome).mfaToken(), fixture.code(ada.secret()))).isNotNull();
    }

    // --- mfa.required: all ---

    @Test
    void underPolicyAllAUserWithoutAFactorGetsTheEnrolmentStepWhichCannotSignInWithACode() {
        fixture.verifiedUser(ADA);
        int sessions = fixture.activeSessions(ADA);
        fixture.policy(MfaPolicy.ALL);

        SecondFactorRequired step = enrolmentStep(fixture.login(ADA));

        assertThat(fixture.activeSessions(ADA)).isEqualTo(sessions);
        assertThatThrownBy(() -> fixture.verify(step.mfaToken(), new TotpCode("123456")))
                .isInstanceOf(InvalidMfaToken.class);
        assertThatThrownBy(() -> fixture.verify(step.mfaToken(),
                RecoveryCode.parse("recoveryCode", "ABCD-EFGH-JKLM"))).isInstanceOf(InvalidMfaToken.class);
    }

    @Test
    void theEnrolmentStepEnrolsAndItsConfirmationGivesTheRecoveryCodesAndTheSession() {
        fixture.verifiedUser(ADA);
        fixture.policy(MfaPolicy.ALL);
        MfaActor enrolling = new MfaActor.Enrolling(fixture.tenant.id(), enrolmentStep(fixture.login(ADA)).mfaToken());
        TotpSecret secret = TotpSecret.fromBase32(fixture.mfa().enrolTotp().begin(enrolling, CLIENT).secret());
        assertThatThrownBy(() -> confirm(enrolling, fixture.wrongCode(secret))).isInstanceOf(InvalidCode.class);

        EnrolTotpUseCase.Confirmed confirmed = confirm(enrolling, fixture.code(secret));

        assertThat(confirmed.recoveryCodes()).hasSize(RecoveryCode.COUNT).doesNotHaveDuplicates();
        assertThat(confirmed.signedIn()).hasValueSatisfying(session -> {
            assertThat(session.user().email()).isEqualTo(ADA);
            assertThat(fixture.active(session)).isTrue();
        });
        assertThat(fixture.totpOn(ADA)).isTrue();
        assertThat(fixture.mailsTo(ADA, MailKind.MFA_ENABLED)).hasSize(1);
        assertThat(fixture.world.audit.events(AuditEventType.LOGIN_SUCCEEDED)).last()
                .satisfies(event -> assertThat(event.details()).containsEntry("secondFactor", "enrolment"));
        assertThatThrownBy(() -> fixture.mfa().enrolTotp().begin(enrolling, CLIENT))
                .as("the token is spent").isInstanceOf(InvalidMfaToken.class);
        MfaFixture.assertVerifyStep(fixture.secondStep(ADA));
    }

    @Test
    void theEnrolmentTokenDiesAfterFiveWrongCodesAndServesNoOtherTenant() {
        fixture.verifiedUser(ADA);
        fixture.policy(MfaPolicy.ALL);
        String token = enrolmentStep(fixture.login(ADA)).mfaToken();
        Tenant other = fixture.world.newTenant("pk_mfa_paths_other");
        assertThatThrownBy(() -> fixture.mfa().enrolTotp().begin(new MfaActor.Enrolling(other.id(), token), CLIENT))
                .isInstanceOf(InvalidMfaToken.class);
        MfaActor enrolling = new MfaActor.Enrolling(fixture.tenant.id(), token);
        TotpSecret secret = TotpSecret.fromBase32(fixture.mfa().enrolTotp().begin(enrolling, CLIENT).secret());
        for (int i = 0; i < MfaChallenge.MAX_FAILURES; i++) {
            assertThatThrownBy(() -> confirm(enrolling, fixture.wrongCode(secret))).isInstanceOf(InvalidCode.class);
        }

        assertThatThrownBy(() -> confirm(enrolling, fixture.code(secret))).isInstanceOf(InvalidMfaToken.class);
        assertThat(fixture.totpOn(ADA)).isFalse();
    }

    @Test
    void aVerificationTokenCannotEnrol() {
        fixture.enrolledUser(ADA);
        fixture.policy(MfaPolicy.ALL);
        String token = fixture.secondStep(ADA).mfaToken();

        assertThatThrownBy(() -> fixture.mfa().enrolTotp().begin(new MfaActor.Enrolling(fixture.tenant.id(), token),
                CLIENT)).isInstanceOf(InvalidMfaToken.class);
    }

    @Test
    void signUpUnderPolicyAllAnswersTheEnrolmentStepAndTheMailboxProofLeadsToIt() {
        fixture.policy(MfaPolicy.ALL);

        SignUpOutcome outcome = fixture.world.useCases.registerUser().signUp(new RegisterUserUseCase.Command(
                fixture.tenant.id(), ADA, MfaFixture.PASSWORD, CLIENT, TokenProfile.NATIVE));

        assertThat(outcome).isInstanceOf(SignUpOutcome.Registered.class);
        SecondFactorRequired step = enrolmentStep(((SignUpOutcome.Registered) outcome).signedIn());
        assertThat(fixture.activeSessions(ADA)).isZero();
        assertThatThrownBy(() -> fixture.mfa().enrolTotp().begin(new MfaActor.Enrolling(fixture.tenant.id(),
                step.mfaToken()), CLIENT)).as("no factor before the address is proved").isInstanceOf(EmailNotVerified.class);
        SecondFactorRequired proved = enrolmentStep(magicLink(ADA));
        assertThat(fixture.mfa().enrolTotp().begin(new MfaActor.Enrolling(fixture.tenant.id(), proved.mfaToken()),
                CLIENT).secret()).isNotBlank();
        enrolmentStep(fixture.register(new EmailAddress("bo@example.com")));
    }
}
