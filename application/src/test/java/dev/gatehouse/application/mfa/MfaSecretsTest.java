package dev.gatehouse.application.mfa;

import static dev.gatehouse.application.mfa.MfaFixture.CLIENT;
import static dev.gatehouse.application.mfa.MfaFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.gatehouse.application.mfa.port.in.EnrolTotpUseCase;
import dev.gatehouse.application.mfa.port.in.ManageMfaUseCase;
import dev.gatehouse.application.mfa.port.in.MfaActor;
import dev.gatehouse.application.mfa.port.in.ReauthenticateUseCase;
import dev.gatehouse.application.mfa.port.in.VerifyMfaUseCase;
import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.application.port.in.SecondFactorRequired;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.application.support.Settings;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.mfa.RecoveryCode;
import dev.gatehouse.domain.mfa.TotpCode;
import dev.gatehouse.domain.mfa.TotpSecret;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.tenant.MfaPolicy;
import dev.gatehouse.domain.user.EmailAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No second-factor secret reaches the audit log, a mail or a log line: a whole life of factors (enrolment, sign-ins
 * with a code and a recovery code, wrong codes, step-up, new codes, turning off, the admin's reset, an enrolment
 * under {@code mfa.required: all}) is played, every secret it handled is kept, and the audit events, the security
 * notices and the {@code toString} of every command and result are searched for each.
 */
class MfaSecretsTest {
    private static final EmailAddress ADA = new EmailAddress("ada@example.com");
    private static final EmailAddress BO = new EmailAddress("bo@example.com");

    private final MfaFixture fixture = MfaFixture.create("pk_mfa_secrets");
    /** Every secret the scenario handled: TOTP secrets, otpauth URIs, recovery codes, mfaTokens, the password. */
    private final List<String> secrets = new ArrayList<>();
    /** Every TOTP code the scenario gave (six digits: searched for as a whole number, not inside a longer one). */
    private final List<TotpCode> codes = new ArrayList<>();
    /** The {@code toString} of every command and result the scenario passed or got. */
    private final List<String> printed = new ArrayList<>();

    private TotpCode code(TotpSecret secret) {
        TotpCode code = fixture.code(secret);
        codes.add(code);
        return code;
    }

    private TotpSecret begun(EnrolTotpUseCase.Enrolment enrolment) {
        printed.add(enrolment.toString());
        secrets.addAll(List.of(enrolment.secret(), enrolment.otpauthUri()));
        return TotpSecret.fromBase32(enrolment.secret());
    }

    private List<RecoveryCode> kept(List<RecoveryCode> recoveryCodes) {
        printed.add(recoveryCodes.toString());
        recoveryCodes.forEach(code -> secrets.addAll(List.of(code.value(), code.display())));
        return recoveryCodes;
    }

    private String token(SecondFactorRequired step) {
        printed.add(step.toString());
        secrets.add(step.mfaToken());
        return step.mfaToken();
    }

    private <T> T printed(T value) {
        printed.add(String.valueOf(value));
        return value;
    }

    private void verify(String token, Optional<TotpCode> code, Optional<RecoveryCode> recoveryCode) {
        VerifyMfaUseCase.Command command = printed(MfaFixture.verifyCommand(fixture.tenant, token, code, recoveryCode));
        printed(fixture.mfa().verifyMfa().verify(command));
    }

    private void lifeOfAFactor() {
        secrets.add(PASSWORD.value());
        Authenticated session = printed(fixture.verifiedUser(ADA));
        Principal ada = fixture.principal(session);
        EnrolTotpUseCase enrol = fixture.mfa().enrolTotp();
        TotpSecret secret = begun(enrol.begin(new MfaActor.SignedIn(ada), CLIENT));
        EnrolTotpUseCase.ConfirmCommand confirm = printed(new EnrolTotpUseCase.ConfirmCommand(code(secret), CLIENT,
                TokenProfile.NATIVE));
        List<RecoveryCode> recovery = kept(printed(enrol.confirm(new MfaActor.SignedIn(ada), confirm)).recoveryCodes());
        fixture.nextStep();

        String token = token(fixture.secondStep(ADA));
        TotpCode wrong = fixture.wrongCode(secret);
        codes.add(wrong);
        catchThrowable(() -> verify(token, Optional.of(wrong), Optional.empty()));
        verify(token, Optional.of(code(secret)), Optional.empty());
        verify(token(fixture.secondStep(ADA)), Optional.empty(), Optional.of(recovery.getFirst()));
        catchThrowable(() -> verify(token(fixture.secondStep(ADA)), Optional.empty(), Optional.of(recovery.getFirst())));

        fixture.world.clock.advance(Settings.DEFAULT.reauthWindow().plusSeconds(1));
        fixture.mfa().reauthenticate().reauthenticate(ada, printed(new ReauthenticateUseCase.Command(Optional.empty(),
                Optional.of(code(secret)), CLIENT)));
        fixture.mfa().reauthenticate().reauthenticate(ada, printed(new ReauthenticateUseCase.Command(
                Optional.of(PASSWORD), Optional.empty(), CLIENT)));
        fixture.nextStep();
        List<RecoveryCode> renewed = kept(fixture.mfa().manageMfa().renewRecoveryCodes(ada,
                printed(new ManageMfaUseCase.RenewCommand(code(secret), CLIENT))));
        printed(fixture.mfa().manageMfa().status(ada));
        fixture.mfa().manageMfa().disable(ada, printed(new ManageMfaUseCase.DisableCommand(Optional.empty(),
                Optional.of(renewed.get(2)), CLIENT)));

        fixture.nextStep();
        TotpSecret again = begun(enrol.begin(new MfaActor.SignedIn(ada), CLIENT));
        kept(enrol.confirm(new MfaActor.SignedIn(ada), new EnrolTotpUseCase.ConfirmCommand(code(again), CLIENT,
                TokenProfile.NATIVE)).recoveryCodes());
        fixture.mfa().resetMfa().reset(new RootAuthority(fixture.tenant.id()), ada.userId(), CLIENT);

        fixture.verifiedUser(BO);
        fixture.policy(MfaPolicy.ALL);
        MfaActor enrolling = printed(new MfaActor.Enrolling(fixture.tenant.id(), token(
                (SecondFactorRequired) fixture.login(BO))));
        TotpSecret bos = begun(enrol.begin(enrolling, CLIENT));
        kept(printed(enrol.confirm(enrolling, new EnrolTotpUseCase.ConfirmCommand(code(bos), CLIENT,
                TokenProfile.NATIVE))).recoveryCodes());
    }

    @Test
    void noSecretCodeOrTokenAppearsInTheAuditLogTheNoticesOrAnyToString() {
        lifeOfAFactor();
        List<String> audited = fixture.world.audit.events().stream().map(AuditEvent::toString).toList();
        List<String> notices = fixture.world.mailOutbox.all().stream()
                .filter(mail -> mail.kind().name().startsWith("MFA_"))
                .map(mail -> mail.subject() + "\n" + mail.text() + "\n" + mail.html()).toList();
        assertThat(audited).as("audit events").hasSizeGreaterThan(20);
        assertThat(notices).as("security notices").hasSize(5);
        assertThat(secrets).as("secrets handled").hasSizeGreaterThan(60);
        assertThat(codes).as("codes handled").hasSizeGreaterThan(5);

        for (List<String> texts : List.of(audited, notices, printed)) {
            for (String text : texts) {
                assertThat(secrets).as("in %s", text).noneSatisfy(secret -> assertThat(text).contains(secret));
                assertThat(codes).as("in %s", text).noneSatisfy(code -> assertThat(text)
                        .containsPattern("(?<![0-9])" + Pattern.quote(code.digits()) + "(?![0-9])"));
            }
        }
    }

    @Test
    void theSearchFindsASecretWhereOneIs() {
        lifeOfAFactor();
        String leaked = "RecoveryCode[" + secrets.get(secrets.size() - 1) + "] after " + codes.getFirst().digits();

        assertThat(secrets).anySatisfy(secret -> assertThat(leaked).contains(secret));
        assertThat(codes).anySatisfy(code -> assertThat(leaked)
                .containsPattern("(?<![0-9])" + Pattern.quote(code.digits()) + "(?![0-9])"));
    }

}
