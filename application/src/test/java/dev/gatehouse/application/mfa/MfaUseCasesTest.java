package dev.gatehouse.application.mfa;

import static dev.gatehouse.application.mfa.MfaFixture.CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.mfa.MfaFixture.Enrolled;
import dev.gatehouse.application.mfa.port.in.EnrolTotpUseCase;
import dev.gatehouse.application.mfa.port.in.ManageMfaUseCase;
import dev.gatehouse.application.mfa.port.in.MfaActor;
import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.port.in.SecondFactorRequired;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.EmailNotVerified;
import dev.gatehouse.domain.error.InvalidCode;
import dev.gatehouse.domain.error.InvalidMfaToken;
import dev.gatehouse.domain.error.MfaConflict;
import dev.gatehouse.domain.error.RateLimited;
import dev.gatehouse.domain.mail.MailKind;
import dev.gatehouse.domain.mfa.MfaChallenge;
import dev.gatehouse.domain.mfa.RecoveryCode;
import dev.gatehouse.domain.mfa.TotpCode;
import dev.gatehouse.domain.mfa.TotpSecret;
import dev.gatehouse.domain.mfa.TotpStep;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.session.RevocationReason;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.UserStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * TOTP enrolment by a signed-in user and the second step of a password sign-in, over the fakes: what each step
 * answers, and what an attacker holding the password (or a seen code, or many tokens) still cannot do.
 */
class MfaUseCasesTest {
    private static final EmailAddress ADA = new EmailAddress("ada@example.com");

    private final MfaFixture fixture = MfaFixture.create("pk_mfa");

    private EnrolTotpUseCase enrol() {
        return fixture.mfa().enrolTotp();
    }

    private ManageMfaUseCase.Status status(Principal principal) {
        return fixture.mfa().manageMfa().status(principal);
    }

    private EnrolTotpUseCase.Confirmed confirm(Principal principal, TotpCode code) {
        return enrol().confirm(new MfaActor.SignedIn(principal),
                new EnrolTotpUseCase.ConfirmCommand(code, CLIENT, TokenProfile.NATIVE));
    }

    // --- enrolment ---

    @Test
    void enrolmentWaitsForAVerifiedAddress() {
        Principal unverified = fixture.principal(fixture.register(ADA).authenticated());

        assertThatThrownBy(() -> enrol().begin(new MfaActor.SignedIn(unverified), CLIENT))
                .isInstanceOf(EmailNotVerified.class);
        assertThat(status(unverified)).isEqualTo(new ManageMfaUseCase.Status(false, false, 0));
    }

    @Test
    void beginGivesABase32SecretAnOtpauthUriNamingTheTenantAndTheAddressAndAQrCodeOfIt() {
        Principal ada = fixture.principal(fixture.verifiedUser(ADA));

        EnrolTotpUseCase.Enrolment enrolment = enrol().begin(new MfaActor.SignedIn(ada), CLIENT);

        assertThat(enrolment.secret()).matches("[A-Z2-7]{32}");
        assertThat(TotpSecret.fromBase32(enrolment.secret()).bytes()).hasSize(TotpSecret.BYTES);
        String issuer = URLEncoder.encode(fixture.tenant.name(), StandardCharsets.UTF_8).replace("+", "%20");
        assertThat(enrolment.otpauthUri())
                .startsWith("otpauth://totp/" + issuer + ":ada%40example.com?")
                .contains("secret=" + enrolment.secret(), "issuer=" + issuer);
        assertThat(enrolment.qrSvg()).startsWith("<svg").contains(enrolment.otpauthUri());
        assertThat(status(ada)).isEqualTo(new ManageMfaUseCase.Status(false, true, 0));
    }

    @Test
    void aPendingEnrolmentDoesNotGateTheSignIn() {
        Principal ada = fixture.principal(fixture.verifiedUser(ADA));
        enrol().begin(new MfaActor.SignedIn(ada), CLIENT);

        assertThat(fixture.login(ADA)).isInstanceOf(Authenticated.class);
    }

    @Test
    void beginWhileTotpIsOnAndConfirmWithNothingPendingAreConflicts() {
        Principal fresh = fixture.principal(fixture.verifiedUser(new EmailAddress("bo@example.com")));
        assertThatThrownBy(() -> confirm(fresh, new TotpCode("123456"))).isInstanceOf(MfaConflict.class);

        Enrolled ada = fixture.enrolledUser(ADA);
        assertThatThrownBy(() -> enrol().begin(new MfaActor.SignedIn(ada.principal()), CLIENT))
                .isInstanceOf(MfaConflict.class);
        assertThatThrownBy(() -> confirm(ada.principal(), fixture.code(ada.secret()))).isInstanceOf(MfaConflict.class);
        assertThat(fixture.verify(fixture.secondStep(ADA).mfaToken(), fixture.code(ada.secret())))
                .as("the factor is still the first secret's").isNotNull();
    }

    @Test
    void aWrongCodeTurnsNothingOn() {
        Principal ada = fixture.principal(fixture.verifiedUser(ADA));
        TotpSecret secret = TotpSecret.fromBase32(enrol().begin(new MfaActor.SignedIn(ada), CLIENT).secret());

        assertThatThrownBy(() -> confirm(ada, fixture.wrongCode(secret))).isInstanceOf(InvalidCode.class);

        assertThat(status(ada)).isEqualTo(new ManageMfaUseCase.Status(false, true, 0));
        assertThat(fixture.login(ADA)).isInstanceOf(Authenticated.class);
        assertThat(fixture.world.audit.events(AuditEventType.MFA_ENABLED)).isEmpty();
        assertThat(fixture.world.audit.events(AuditEventType.MFA_CHALLENGE_FAILED)).singleElement()
                .satisfies(event -> assertThat(event.details()).containsEntry("purpose", "enrolment"));
        assertThat(fixture.mailsTo(ADA, MailKind.MFA_ENABLED)).isEmpty();
    }

    @Test
    void theRightCodeTurnsTotpOnWithTenRecoveryCodesEndsTheOtherSessionsAndTellsTheUser() {
        Authenticated confirming = fixture.verifiedUser(ADA);
        Authenticated other = fixture.login(ADA).authenticated();
        Principal ada = fixture.principal(confirming);
        TotpSecret secret = TotpSecret.fromBase32(enrol().begin(new MfaActor.SignedIn(ada), CLIENT).secret());

        EnrolTotpUseCase.Confirmed confirmed = confirm(ada, fixture.code(secret));

        assertThat(confirmed.recoveryCodes()).hasSize(RecoveryCode.COUNT).doesNotHaveDuplicates();
        assertThat(confirmed.signedIn()).as("a signed-in user has their session already").isEmpty();
        assertThat(status(ada)).isEqualTo(new ManageMfaUseCase.Status(true, false, RecoveryCode.COUNT));
        assertThat(fixture.active(confirming)).as("the confirming session").isTrue();
        assertThat(fixture.active(other)).as("another session").isFalse();
        assertThat(fixture.world.sessions.findById(fixture.tenant.id(), other.session().id()).orElseThrow()
                .revocationReason()).contains(RevocationReason.MFA_CHANGED);
        assertThat(fixture.mailsTo(ADA, MailKind.MFA_ENABLED)).hasSize(1);
        assertThat(fixture.world.audit.events(AuditEventType.MFA_ENABLED)).singleElement().satisfies(event -> {
            assertThat(event.subject()).isEqualTo(AuditEvent.user(ada.userId()));
            assertThat(event.details()).containsEntry("factor", "totp").containsEntry("sessionsEnded", "1");
        });
        MfaFixture.assertVerifyStep(fixture.secondStep(ADA));
    }

    // --- the second step of a sign-in ---

    @Test
    void aPasswordSignInOfATotpUserAnswersTheSecondStepAndStoresNoSession() {
        fixture.enrolledUser(ADA);
        int sessions = fixture.activeSessions(ADA);
        int signIns = fixture.world.audit.events(AuditEventType.LOGIN_SUCCEEDED).size();

        SecondFactorRequired step = fixture.secondStep(ADA);

        MfaFixture.assertVerifyStep(step);
        assertThat(step.mfaToken()).startsWith("mfa_");
        assertThat(step.expiresAt()).isEqualTo(fixture.world.clock.now().plus(MfaChallenge.LIFETIME));
        assertThat(fixture.activeSessions(ADA)).isEqualTo(sessions);
        assertThat(fixture.world.audit.events(AuditEventType.LOGIN_SUCCEEDED)).hasSize(signIns);
    }

    @Test
    void theRightCodeOpensTheSessionAndTheSameCodeIsRefusedOnTheNextSignIn() {
        Enrolled ada = fixture.enrolledUser(ADA);
        TotpCode code = fixture.code(ada.secret());

        Authenticated signedIn = fixture.verify(fixture.secondStep(ADA).mfaToken(), code);

        assertThat(signedIn.user().email()).isEqualTo(ADA);
        assertThat(fixture.active(signedIn)).isTrue();
        assertThat(fixture.world.audit.events(AuditEventType.LOGIN_SUCCEEDED)).last()
                .satisfies(event -> assertThat(event.details()).containsEntry("secondFactor", "totp"));
        String again = fixture.secondStep(ADA).mfaToken();
        assertThatThrownBy(() -> fixture.verify(again, code)).as("a replayed code").isInstanceOf(InvalidCode.class);
        fixture.nextStep();
        assertThat(fixture.verify(again, fixture.code(ada.secret()))).as("the next step's code").isNotNull();
    }

    @Test
    void theCodeThatConfirmedTheEnrolmentCannotSignIn() {
        Principal ada = fixture.principal(fixture.verifiedUser(ADA));
        TotpSecret secret = TotpSecret.fromBase32(enrol().begin(new MfaActor.SignedIn(ada), CLIENT).secret());
        TotpCode code = fixture.code(secret);
        confirm(ada, code);

        assertThatThrownBy(() -> fixture.verify(fixture.secondStep(ADA).mfaToken(), code)).isInstanceOf(InvalidCode.class);
    }

    @Test
    void aCodeOfThePreviousTimeStepWorksOnceIfItWasNotUsed() {
        Enrolled ada = fixture.enrolledUser(ADA); // the enrolment used the step before the current one
        fixture.nextStep();
        TotpCode late = fixture.codeAt(ada.secret(), TotpStep.at(fixture.world.clock.now()).previous());

        assertThat(fixture.verify(fixture.secondStep(ADA).mfaToken(), late)).isNotNull();

        String again = fixture.secondStep(ADA).mfaToken();
        assertThatThrownBy(() -> fixture.verify(again, late)).isInstanceOf(InvalidCode.class);
        TotpCode tooLate = fixture.codeAt(ada.secret(), TotpStep.at(fixture.world.clock.now()).previous().previous());
        assertThatThrownBy(() -> fixture.verify(again, tooLate)).as("two steps back").isInstanceOf(InvalidCode.class);
    }

    @Test
    void aRecoveryCodeSignsInOnceInAnyCaseAndWithHyphensAndIsRefusedTheSecondTime() {
        Enrolled ada = fixture.enrolledUser(ADA);
        RecoveryCode first = ada.recoveryCodes().getFirst();
        RecoveryCode typed = RecoveryCode.parse("recoveryCode", first.display().toLowerCase());

        assertThat(fixture.verify(fixture.secondStep(ADA).mfaToken(), typed)).isNotNull();

        String again = fixture.secondStep(ADA).mfaToken();
        assertThatThrownBy(() -> fixture.verify(again, first)).isInstanceOf(InvalidCode.class);
        assertThat(fixture.verify(again, ada.recoveryCodes().get(1))).as("another code").isNotNull();
        assertThat(fixture.world.audit.events(AuditEventType.RECOVERY_CODE_USED)).extracting(e -> e.details().get("left"))
                .containsExactly("9", "8");
        assertThat(fixture.world.audit.events(AuditEventType.LOGIN_SUCCEEDED)).last()
                .satisfies(event -> assertThat(event.details()).containsEntry("secondFactor", "recovery_code"));
    }

    @Test
    void aTokenIsSpentByItsSuccess() {
        Enrolled ada = fixture.enrolledUser(ADA);
        String token = fixture.secondStep(ADA).mfaToken();
        fixture.verify(token, fixture.code(ada.secret()));
        fixture.nextStep();

        assertThatThrownBy(() -> fixture.verify(token, fixture.code(ada.secret()))).isInstanceOf(InvalidMfaToken.class);
        assertThatThrownBy(() -> fixture.verify(token, ada.recoveryCodes().getFirst()))
                .isInstanceOf(InvalidMfaToken.class);
        assertThat(fixture.world.mfa.countUnusedRecoveryCodes(fixture.tenant.id(), ada.principal().userId()))
                .as("a spent token costs no recovery code").isEqualTo(RecoveryCode.COUNT);
    }

    @Test
    void fiveWrongCodesKillTheTokenEvenForTheRightCode() {
        Enrolled ada = fixture.enrolledUser(ADA);
        String token = fixture.secondStep(ADA).mfaToken();
        for (int i = 0; i < MfaChallenge.MAX_FAILURES; i++) {
            assertThatThrownBy(() -> fixture.verify(token, fixture.wrongCode(ada.secret())))
                    .as("wrong code %d", i + 1).isInstanceOf(InvalidCode.class);
        }

        assertThatThrownBy(() -> fixture.verify(token, fixture.code(ada.secret()))).isInstanceOf(InvalidMfaToken.class);
        assertThatThrownBy(() -> fixture.verify(token, ada.recoveryCodes().getFirst()))
                .isInstanceOf(InvalidMfaToken.class);
        assertThat(fixture.world.audit.events(AuditEventType.MFA_CHALLENGE_FAILED))
                .hasSize(MfaChallenge.MAX_FAILURES)
                .allSatisfy(event -> assertThat(event.details()).containsEntry("purpose", "signIn"));
        assertThat(fixture.verify(fixture.secondStep(ADA).mfaToken(), fixture.code(ada.secret())))
                .as("a new sign-in").isNotNull();
    }

    @Test
    void theTokenExpiresAfterFiveMinutes() {
        Enrolled ada = fixture.enrolledUser(ADA);
        String late = fixture.secondStep(ADA).mfaToken();
        fixture.world.clock.advance(MfaChallenge.LIFETIME.minusSeconds(1));
        String inTime = fixture.secondStep(ADA).mfaToken();
        fixture.world.clock.advance(java.time.Duration.ofSeconds(1));

        assertThatThrownBy(() -> fixture.verify(late, fixture.code(ada.secret()))).isInstanceOf(InvalidMfaToken.class);
        assertThat(fixture.verify(inTime, fixture.code(ada.secret()))).isNotNull();
    }

    @Test
    void aTokenIsRefusedUnderAnotherTenantAndThatCostsItNothing() {
        Enrolled ada = fixture.enrolledUser(ADA);
        Tenant other = fixture.world.newTenant("pk_mfa_other");
        String token = fixture.secondStep(ADA).mfaToken();
        TotpCode code = fixture.code(ada.secret());

        assertThatThrownBy(() -> fixture.mfa().verifyMfa().verify(MfaFixture.verifyCommand(other, token,
                Optional.of(code), Optional.empty()))).isInstanceOf(InvalidMfaToken.class);

        assertThat(fixture.verify(token, code)).as("the code was not checked").isNotNull();
    }

    @Test
    void aTokenOfAUserDisabledSinceTheFirstStepOpensNothing() {
        Enrolled ada = fixture.enrolledUser(ADA);
        String token = fixture.secondStep(ADA).mfaToken();
        int sessions = fixture.activeSessions(ADA);
        fixture.world.users.updateStatus(fixture.tenant.id(), ada.principal().userId(), UserStatus.DISABLED);

        assertThatThrownBy(() -> fixture.verify(token, fixture.code(ada.secret()))).isInstanceOf(InvalidMfaToken.class);
        assertThat(fixture.activeSessions(ADA)).isEqualTo(sessions);
    }

    @Test
    void anUnknownTokenIsRefusedLikeASpentOne() {
        Enrolled ada = fixture.enrolledUser(ADA);
        fixture.secondStep(ADA);

        assertThatThrownBy(() -> fixture.verify("mfa_" + "A".repeat(43), fixture.code(ada.secret())))
                .isInstanceOf(InvalidMfaToken.class);
    }

    @Test
    void wrongCodesAcrossTokensMeetTheUsersCapWhileThePasswordStillLeadsToTheSecondStep() {
        MfaFixture limited = MfaFixture.withRateLimits("pk_mfa_limited");
        Enrolled ada = limited.enrolledUser(ADA);
        List<Integer> perToken = List.of(4, 4, 2); // 10 wrong codes over three tokens: none of them dies
        String last = null;
        for (int wrong : perToken) {
            last = limited.secondStep(ADA).mfaToken();
            for (int i = 0; i < wrong; i++) {
                String token = last;
                assertThatThrownBy(() -> limited.verify(token, limited.wrongCode(ada.secret())))
                        .isInstanceOf(InvalidCode.class);
            }
        }
        String live = last;

        assertThatThrownBy(() -> limited.verify(live, limited.code(ada.secret()))).isInstanceOf(RateLimited.class);
        assertThatThrownBy(() -> limited.verify(live, ada.recoveryCodes().getFirst())).isInstanceOf(RateLimited.class);
        assertThatThrownBy(() -> limited.verify(limited.secondStep(ADA).mfaToken(), limited.code(ada.secret())))
                .as("a fresh token").isInstanceOf(RateLimited.class);
        MfaFixture.assertVerifyStep(limited.secondStep(ADA));
        assertThat(limited.world.audit.events(AuditEventType.RATE_LIMIT_TRIPPED)).extracting(e -> e.details().get("limit"))
                .contains("mfaCodesPerUser");
        assertThat(limited.world.mfa.countUnusedRecoveryCodes(limited.tenant.id(), ada.principal().userId()))
                .isEqualTo(RecoveryCode.COUNT);
    }

    @Test
    void aRightCodeForgivesTheUsersWrongCodes() {
        MfaFixture limited = MfaFixture.withRateLimits("pk_mfa_forgiven");
        Enrolled ada = limited.enrolledUser(ADA);
        for (int round = 0; round < 3; round++) { // 15 codes in all, 12 of them wrong: over the cap unless forgiven
            String token = limited.secondStep(ADA).mfaToken();
            for (int i = 0; i < 4; i++) {
                assertThatThrownBy(() -> limited.verify(token, limited.wrongCode(ada.secret())))
                        .isInstanceOf(InvalidCode.class);
            }
            assertThat(limited.verify(token, limited.code(ada.secret()))).as("round %d", round).isNotNull();
            limited.nextStep();
        }
        assertThat(limited.world.audit.events(AuditEventType.RATE_LIMIT_TRIPPED)).isEmpty();
    }
}
