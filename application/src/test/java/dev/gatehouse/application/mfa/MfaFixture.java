package dev.gatehouse.application.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.auth.port.in.LoginUseCase;
import dev.gatehouse.application.auth.port.in.RegisterUserUseCase;
import dev.gatehouse.application.fakes.FakeWorld;
import dev.gatehouse.application.mfa.port.in.EnrolTotpUseCase;
import dev.gatehouse.application.mfa.port.in.MfaActor;
import dev.gatehouse.application.mfa.port.in.MfaUseCases;
import dev.gatehouse.application.mfa.port.in.VerifyMfaUseCase;
import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.port.in.SecondFactorRequired;
import dev.gatehouse.application.port.in.SignInOutcome;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.application.support.Settings;
import dev.gatehouse.domain.mail.MailKind;
import dev.gatehouse.domain.mail.OutboxMail;
import dev.gatehouse.domain.mfa.MfaChallenge;
import dev.gatehouse.domain.mfa.RecoveryCode;
import dev.gatehouse.domain.mfa.TotpCode;
import dev.gatehouse.domain.mfa.TotpSecret;
import dev.gatehouse.domain.mfa.TotpStep;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.tenant.MfaPolicy;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantSettings;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tenant in a {@link FakeWorld} and the steps the second-factor tests repeat: users with a verified address
 * (verified through the email verification use case, as a user would), TOTP enrolment through the use cases, codes
 * from the user's "authenticator" ({@link dev.gatehouse.application.fakes.FakeTotp}, real RFC 6238) at the world's
 * clock. The tenant cache is off, so a policy change is seen at once.
 */
final class MfaFixture {
    static final Password PASSWORD = new Password("correct horse battery");
    static final String APP = "https://app.example.com/auth";
    static final ClientInfo CLIENT = new ClientInfo("198.51.100.7", "mfa-test/1.0");

    final FakeWorld world;
    final Tenant tenant;

    private MfaFixture(FakeWorld world, String publicKey) {
        this.world = world;
        this.tenant = world.newTenant(publicKey);
        settings(settings().withAllowedRedirectUrls(Set.of(APP)));
    }

    /** Rate limits off, as in most use-case tests. */
    static MfaFixture create(String publicKey) {
        return new MfaFixture(new FakeWorld(Settings.DEFAULT.withTenantCacheTtl(Duration.ZERO)), publicKey);
    }

    /** Rate limits and brute-force protection on, as in production. */
    static MfaFixture withRateLimits(String publicKey) {
        return new MfaFixture(FakeWorld.withRateLimits(Settings.DEFAULT.withTenantCacheTtl(Duration.ZERO)), publicKey);
    }

    /** A user who enrolled TOTP: their secret (what the authenticator holds), recovery codes and session. */
    record Enrolled(EmailAddress email, Authenticated session, Principal principal, TotpSecret secret,
                    List<RecoveryCode> recoveryCodes) {
    }

    MfaUseCases mfa() {
        return world.useCases.mfa;
    }

    TenantSettings settings() {
        return world.tenants.findById(tenant.id()).orElseThrow().settings();
    }

    void settings(TenantSettings settings) {
        world.tenants.updateSettings(tenant.id(), settings);
    }

    void policy(MfaPolicy policy) {
        settings(settings().withMfa(policy));
    }

    /** StaticBackend's {@code /register}: the outcome as the gate answers it. */
    SignInOutcome register(EmailAddress email) {
        return world.useCases.registerUser().register(new RegisterUserUseCase.Command(tenant.id(), email, PASSWORD,
                CLIENT, TokenProfile.NATIVE));
    }

    SignInOutcome login(EmailAddress email) {
        return world.useCases.login().login(new LoginUseCase.Command(tenant.id(), email, PASSWORD, CLIENT,
                TokenProfile.NATIVE));
    }

    /** A password sign-in that must stop at the second step. */
    SecondFactorRequired secondStep(EmailAddress email) {
        SignInOutcome outcome = login(email);
        assertThat(outcome).isInstanceOf(SecondFactorRequired.class);
        return (SecondFactorRequired) outcome;
    }

    Principal principal(Authenticated session) {
        return world.useCases.authenticate().authenticate(tenant.id(), session.accessToken().value());
    }

    /**
     * A new user whose address is verified (by the code mailed by the email verification use case) and a fresh
     * session of theirs: the verification ends the sessions opened before it.
     */
    Authenticated verifiedUser(EmailAddress email) {
        Principal registered = principal(register(email).authenticated());
        assertThat(world.useCases.emailVerification().send(registered, Optional.empty(), CLIENT)).isTrue();
        OutboxMail mail = world.mailOutbox.latestTo(email.value()).orElseThrow();
        assertThat(mail.kind()).isEqualTo(MailKind.EMAIL_VERIFICATION);
        world.useCases.emailVerification().verify(tenant.id(), find("code: (\\S+)", mail.text()), CLIENT);
        return login(email).authenticated();
    }

    /**
     * A verified user who turned TOTP on from their session; the clock is then moved to the next time step, so that
     * the code of the step the confirmation used (which counts as used) is behind.
     */
    Enrolled enrolledUser(EmailAddress email) {
        Authenticated session = verifiedUser(email);
        Principal principal = principal(session);
        EnrolTotpUseCase.Enrolment enrolment = mfa().enrolTotp().begin(new MfaActor.SignedIn(principal), CLIENT);
        TotpSecret secret = TotpSecret.fromBase32(enrolment.secret());
        EnrolTotpUseCase.Confirmed confirmed = mfa().enrolTotp().confirm(new MfaActor.SignedIn(principal),
                new EnrolTotpUseCase.ConfirmCommand(code(secret), CLIENT, TokenProfile.NATIVE));
        nextStep();
        return new Enrolled(email, session, principal, secret, confirmed.recoveryCodes());
    }

    /** The code the authenticator shows now. */
    TotpCode code(TotpSecret secret) {
        return world.totp.codeAt(secret, TotpStep.at(world.clock.now()));
    }

    TotpCode codeAt(TotpSecret secret, TotpStep step) {
        return world.totp.codeAt(secret, step);
    }

    /** A six-digit code that is none of the codes the secret gives around now (previous, current, next step). */
    TotpCode wrongCode(TotpSecret secret) {
        TotpStep now = TotpStep.at(world.clock.now());
        List<TotpCode> right = List.of(codeAt(secret, now.previous()), codeAt(secret, now), codeAt(secret, now.next()));
        for (int n = 0; ; n++) {
            TotpCode candidate = new TotpCode(String.format("%06d", (123_456 + n * 7_919) % 1_000_000));
            if (right.stream().noneMatch(candidate::matches)) {
                return candidate;
            }
        }
    }

    void nextStep() {
        world.clock.advance(TotpStep.LENGTH);
    }

    Authenticated verify(String mfaToken, TotpCode code) {
        return mfa().verifyMfa().verify(verifyCommand(tenant, mfaToken, Optional.of(code), Optional.empty()));
    }

    Authenticated verify(String mfaToken, RecoveryCode recoveryCode) {
        return mfa().verifyMfa().verify(verifyCommand(tenant, mfaToken, Optional.empty(), Optional.of(recoveryCode)));
    }

    static VerifyMfaUseCase.Command verifyCommand(Tenant in, String mfaToken, Optional<TotpCode> code,
                                                  Optional<RecoveryCode> recoveryCode) {
        return new VerifyMfaUseCase.Command(in.id(), mfaToken, code, recoveryCode, CLIENT, TokenProfile.NATIVE);
    }

    /** Whether the session exists and is neither ended nor expired. */
    boolean active(Authenticated session) {
        return world.sessions.findById(tenant.id(), session.session().id())
                .filter(found -> found.isActiveAt(world.clock.now())).isPresent();
    }

    int activeSessions(EmailAddress email) {
        return world.sessions.findActiveByUser(tenant.id(), userId(email), world.clock.now()).size();
    }

    dev.gatehouse.domain.user.UserId userId(EmailAddress email) {
        return world.users.findByEmail(tenant.id(), email).orElseThrow().id();
    }

    boolean totpOn(EmailAddress email) {
        return world.mfa.findTotp(tenant.id(), userId(email)).filter(f -> f.isConfirmed()).isPresent();
    }

    List<OutboxMail> mailsTo(EmailAddress email, MailKind kind) {
        return world.mailOutbox.findRecentTo(tenant.id(), email.value(), 100).stream()
                .filter(mail -> mail.kind() == kind).toList();
    }

    static void assertVerifyStep(SecondFactorRequired step) {
        assertThat(step.purpose()).isEqualTo(MfaChallenge.Purpose.VERIFY);
    }

    static String find(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in %s", regex, text).isTrue();
        return m.group(1);
    }
}
