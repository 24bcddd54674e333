package dev.gatehouse.application.recovery;

import dev.gatehouse.application.support.Settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.gatehouse.application.fakes.FakeWorld;
import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.auth.port.in.LoginUseCase;
import dev.gatehouse.application.recovery.port.in.MagicLinkUseCase;
import dev.gatehouse.application.recovery.port.in.PasswordResetUseCase;
import dev.gatehouse.application.auth.port.in.RegisterUserUseCase;
import dev.gatehouse.application.auth.port.in.RegisterUserUseCase.SignUpOutcome;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.EmailNotVerified;
import dev.gatehouse.domain.error.InvalidCode;
import dev.gatehouse.domain.error.InvalidCredentials;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.error.PasswordRejected;
import dev.gatehouse.domain.error.UserNotFound;
import dev.gatehouse.domain.mail.MailKind;
import dev.gatehouse.domain.mail.OutboxMail;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.tenant.MagicLinkContent;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantSettings;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import dev.gatehouse.domain.user.User;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RecoveryUseCasesTest {
    private static final String APP = "https://app.example.com/auth";
    private static final EmailAddress ADA = new EmailAddress("ada@example.com");
    private static final Password OLD = new Password("old password");
    private static final Password NEW = new Password("brand new password");

    private final FakeWorld world = new FakeWorld(Settings.DEFAULT.withTenantCacheTtl(Duration.ZERO));
    private final Tenant tenant = world.newTenant("pk_recovery");
    private final PasswordResetUseCase reset = world.useCases.passwordReset();
    private final MagicLinkUseCase magic = world.useCases.magicLinks();

    RecoveryUseCasesTest() {
        settings(tenant.settings().withAllowedRedirectUrls(Set.of(APP)));
    }

    private void settings(TenantSettings settings) {
        world.tenants.updateSettings(tenant.id(), settings);
    }

    private TenantSettings settings() {
        return world.tenants.findById(tenant.id()).orElseThrow().settings();
    }

    private Authenticated register(EmailAddress email) {
        return world.useCases.registerUser().register(new RegisterUserUseCase.Command(tenant.id(), email, OLD,
                ClientInfo.UNKNOWN, TokenProfile.NATIVE)).authenticated();
    }

    private Authenticated login(EmailAddress email, Password password) {
        return world.useCases.login().login(new LoginUseCase.Command(tenant.id(), email, password, ClientInfo.UNKNOWN,
                TokenProfile.NATIVE)).authenticated();
    }

    private List<OutboxMail> mailsTo(EmailAddress to) {
        return world.mailOutbox.findRecentTo(tenant.id(), to.value(), 100);
    }

    private OutboxMail lastMailTo(EmailAddress to) {
        return world.mailOutbox.latestTo(to.value()).orElseThrow();
    }

    private static String find(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in %s", regex, text).isTrue();
        return m.group(1);
    }

    private void forgot(EmailAddress email) {
        reset.requestReset(new PasswordResetUseCase.RequestCommand(tenant.id(), email, Optional.empty(), ClientInfo.UNKNOWN));
    }

    private void resetWith(String code, Password password) {
        reset.reset(new PasswordResetUseCase.ResetCommand(tenant.id(), ADA, code, password, ClientInfo.UNKNOWN));
    }

    private String mailedResetCode() {
        OutboxMail mail = lastMailTo(ADA);
        assertThat(mail.kind()).isEqualTo(MailKind.PASSWORD_RESET);
        return find("reset code: (\\S+)", mail.text());
    }

    @Test
    void resetsThePasswordWithTheMailedCodeEndsEverySessionVerifiesTheAddressAndMailsANotice() {
        Authenticated first = register(ADA);
        Authenticated second = login(ADA, OLD);
        forgot(ADA);
        String code = mailedResetCode();
        assertThat(code).hasSize(12);
        assertThat(lastMailTo(ADA).text()).contains(APP + "?code=" + code + "&email=ada%40example.com");

        resetWith(code.toLowerCase(), NEW);

        assertThatThrownBy(() -> login(ADA, OLD)).isInstanceOf(InvalidCredentials.class);
        assertThat(login(ADA, NEW).user().emailVerified()).isTrue();
        assertThat(world.sessions.findById(tenant.id(), first.session().id()).orElseThrow().isActiveAt(world.clock.now())).isFalse();
        assertThat(world.sessions.findById(tenant.id(), second.session().id()).orElseThrow().isActiveAt(world.clock.now())).isFalse();
        assertThat(lastMailTo(ADA).kind()).isEqualTo(MailKind.PASSWORD_CHANGED);
        assertThat(world.audit.events(AuditEventType.PASSWORD_RESET_REQUESTED)).hasSize(1);
        assertThat(world.audit.events(AuditEventType.PASSWORD_RESET_COMPLETED)).hasSize(1);
        assertThat(world.audit.events(AuditEventType.EMAIL_VERIFIED)).hasSize(1);
    }

    @Test
    void refusesWrongEmptyReusedAndExpiredCodesAlike() {
        register(ADA);
        forgot(ADA);
        String code = mailedResetCode();

        for (String bad : new String[] {"", " ", "WRONGWRONG22", "x".repeat(500)}) {
            assertThat(catchThrowable(() -> resetWith(bad, NEW))).as("code '%s'", bad).isInstanceOf(InvalidCode.class);
        }
        resetWith(code, NEW);
        assertThatThrownBy(() -> resetWith(code, new Password("third password"))).isInstanceOf(InvalidCode.class);

        forgot(ADA);
        String late = mailedResetCode();
        world.clock.advance(Duration.ofHours(1));
        assertThatThrownBy(() -> resetWith(late, new Password("third password"))).isInstanceOf(InvalidCode.class);
        assertThat(login(ADA, NEW)).isNotNull();
    }

    @Test
    void afterTheFifthWrongCodeEvenTheRightOneFails() {
        register(ADA);
        forgot(ADA);
        String code = mailedResetCode();
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> resetWith("ABCDEFGHJKLM", NEW)).isInstanceOf(InvalidCode.class);
        }

        assertThatThrownBy(() -> resetWith(code, NEW)).isInstanceOf(InvalidCode.class);
        assertThat(login(ADA, OLD)).isNotNull();
    }

    @Test
    void aRefusedNewPasswordDoesNotSpendTheCode() {
        register(ADA);
        forgot(ADA);
        String code = mailedResetCode();

        assertThatThrownBy(() -> resetWith(code, new Password("short"))).isInstanceOf(PasswordRejected.class);
        resetWith(code, NEW);
        assertThat(login(ADA, NEW)).isNotNull();
    }

    @Test
    void forgotForAnUnknownAddressSucceedsAndSendsNothingAndItsCodeResetsNothing() {
        EmailAddress nobody = new EmailAddress("nobody@example.com");
        int before = world.mailOutbox.all().size();

        forgot(nobody);

        assertThat(world.mailOutbox.all()).hasSize(before);
        assertThat(world.oneTimeCodes.findLatest(tenant.id(), dev.gatehouse.domain.code.CodeKind.PASSWORD_RESET, nobody))
                .as("the same work is done").isPresent();
    }

    @Test
    void forgotRefusesALinkTargetOutsideTheAllowedRedirectUrls() {
        register(ADA);
        assertThatThrownBy(() -> reset.requestReset(new PasswordResetUseCase.RequestCommand(tenant.id(), ADA,
                Optional.of("https://evil.example.net/"), ClientInfo.UNKNOWN)))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("redirectUrl");
        assertThat(mailsTo(ADA)).isEmpty();
    }

    @Test
    void theRootRoutesReturnTheCodeAndMailItOnlyWhenAsked() {
        register(ADA);
        RootAuthority root = new RootAuthority(tenant.id());

        String silent = reset.issueCode(root, ADA, false, ClientInfo.UNKNOWN);
        assertThat(mailsTo(ADA)).isEmpty();
        String mailed = reset.issueCode(root, ADA, true, ClientInfo.UNKNOWN);
        assertThat(mailedResetCode()).isEqualTo(mailed);

        assertThatThrownBy(() -> resetWith(silent, NEW)).as("a newer code replaced it").isInstanceOf(InvalidCode.class);
        resetWith(mailed, NEW);
        assertThatThrownBy(() -> reset.issueCode(root, new EmailAddress("nobody@example.com"), true, ClientInfo.UNKNOWN))
                .isInstanceOf(UserNotFound.class);
    }

    private void requestMagic(EmailAddress email) {
        magic.request(new MagicLinkUseCase.RequestCommand(tenant.id(), email, APP, ClientInfo.UNKNOWN));
    }

    private Authenticated magicSignIn(EmailAddress email, String code) {
        return magic.signIn(new MagicLinkUseCase.SignInCommand(tenant.id(), email, code, ClientInfo.UNKNOWN,
                TokenProfile.NATIVE)).authenticated();
    }

    private String mailedMagicCode(EmailAddress to) {
        OutboxMail mail = lastMailTo(to);
        assertThat(mail.kind()).isEqualTo(MailKind.MAGIC_LINK);
        return java.net.URLDecoder.decode(find("\\?code=([^&\\s]+)&email=", mail.text()), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void aMagicLinkSignsInOnceAndOnlyOnceAndVerifiesTheAddress() {
        register(ADA);
        requestMagic(ADA);
        String code = mailedMagicCode(ADA);
        assertThat(code.length()).isGreaterThanOrEqualTo(43);

        Authenticated signedIn = magicSignIn(ADA, code);

        assertThat(signedIn.user().email()).isEqualTo(ADA);
        assertThat(signedIn.refreshToken()).isNotBlank();
        assertThat(world.users.findByEmail(tenant.id(), ADA).orElseThrow().emailVerified()).isTrue();
        assertThatThrownBy(() -> magicSignIn(ADA, code)).isInstanceOf(InvalidCode.class);
        assertThat(world.audit.events(AuditEventType.MAGIC_LINK_USED)).hasSize(1);
    }

    @Test
    void aMagicLinkFailsAfterFifteenMinutesAndAfterFiveWrongCodes() {
        register(ADA);
        requestMagic(ADA);
        String expiring = mailedMagicCode(ADA);
        world.clock.advance(Duration.ofMinutes(15));
        assertThatThrownBy(() -> magicSignIn(ADA, expiring)).isInstanceOf(InvalidCode.class);

        requestMagic(ADA);
        String code = mailedMagicCode(ADA);
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> magicSignIn(ADA, "wrong" + code)).isInstanceOf(InvalidCode.class);
        }
        assertThatThrownBy(() -> magicSignIn(ADA, code)).isInstanceOf(InvalidCode.class);
    }

    @Test
    void aMagicLinkForAnUnknownAddressSendsNothingUnlessTheTenantCreatesUsers() {
        EmailAddress grace = new EmailAddress("grace@example.com");
        requestMagic(grace);
        assertThat(mailsTo(grace)).isEmpty();

        settings(settings().withMagicLinkCreatesUser(true));
        requestMagic(grace);
        Authenticated created = magicSignIn(grace, mailedMagicCode(grace));

        assertThat(created.user().emailVerified()).isTrue();
        assertThat(world.users.findByEmail(tenant.id(), grace)).isPresent();
    }

    @Test
    void aMagicLinkMustPointToAnAllowedRedirectUrl() {
        register(ADA);
        assertThatThrownBy(() -> magic.request(new MagicLinkUseCase.RequestCommand(tenant.id(), ADA,
                "https://evil.example.net/", ClientInfo.UNKNOWN))).isInstanceOf(InvalidInput.class);
        assertThat(mailsTo(ADA)).isEmpty();
    }

    private void composed(String from, String body, String link) {
        magic.requestComposed(new MagicLinkUseCase.ComposedCommand(tenant.id(), ADA, from, "Me <b>", "Hi\r\nBcc: x",
                body, link, ClientInfo.UNKNOWN));
    }

    @Test
    void byDefaultTheComposedMagicLinkSendsTheTemplateIgnoringTheCallersContentButNotTheRelayRules() {
        register(ADA);
        settings(settings().withAllowedSenders(Set.of("app@example.com")));

        assertThatThrownBy(() -> composed("", "<p>[link]</p>", "https://evil.example.net/"))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("link");
        assertThatThrownBy(() -> composed("spammer@evil.example.net", "<p>[link]</p>", APP))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("fromEmail");
        assertThat(mailsTo(ADA)).isEmpty();

        composed("app@example.com", "<a href=\"https://evil.example.net/phish\">Verify</a> no placeholder", APP);

        OutboxMail mail = lastMailTo(ADA);
        assertThat(mail.fromAddress()).isEqualTo("app@example.com");
        assertThat(mail.fromName()).as("the caller's name is ignored").isEmpty();
        assertThat(mail.subject()).as("the template's subject").isEqualTo("Your " + tenant.name() + " sign-in link");
        assertThat(mail.html() + mail.text()).doesNotContain("evil.example.net", "Verify", "Bcc");
        assertThat(mail.html()).contains("href=\"" + APP + "?code=");
        assertThat(magicSignIn(ADA, mailedMagicCode(ADA)).user().email()).isEqualTo(ADA);
    }

    @Test
    void callerContentFollowsTheAntiRelayRulesIsSanitizedAndSendsNothingWhenRefused() {
        register(ADA);
        settings(settings().withAllowedSenders(Set.of("app@example.com"))
                .withCompatMagicLinkContent(MagicLinkContent.CALLER));

        assertThatThrownBy(() -> composed("", "no placeholder", APP)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("[link]");
        assertThatThrownBy(() -> composed("", "<p>[link]</p>", "https://evil.example.net/"))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("link");
        assertThatThrownBy(() -> composed("spammer@evil.example.net", "<p>[link]</p>", APP))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("fromEmail");
        assertThat(mailsTo(ADA)).isEmpty();

        composed("app@example.com", "<p>Click [link]</p>", APP);

        OutboxMail mail = lastMailTo(ADA);
        assertThat(mail.fromAddress()).isEqualTo("app@example.com");
        assertThat(mail.fromName()).isEqualTo("Me b");
        assertThat(mail.subject()).isEqualTo("HiBcc: x");
        // the fake world's sanitizer keeps no markup at all: the caller's HTML never reaches the mail as written
        assertThat(mail.html()).startsWith("&lt;p&gt;Click <a href=\"" + APP + "?code=")
                .contains("&amp;email=ada%40example.com");
        String code = mailedMagicCode(ADA);
        assertThat(magicSignIn(ADA, code).user().email()).isEqualTo(ADA);
    }

    @Test
    void signUpWithVerificationRequiredGivesNoTokensMailsACodeAndSignInWaitsForIt() {
        settings(settings().withRequireEmailVerification(true));
        SignUpOutcome outcome = world.useCases.registerUser().signUp(new RegisterUserUseCase.Command(tenant.id(), ADA,
                OLD, ClientInfo.UNKNOWN, TokenProfile.NATIVE));
        assertThat(outcome).isInstanceOf(SignUpOutcome.VerificationPending.class);
        assertThatThrownBy(() -> login(ADA, OLD)).isInstanceOf(EmailNotVerified.class);
        assertThatThrownBy(() -> login(ADA, NEW)).as("a wrong password says nothing more").isInstanceOf(InvalidCredentials.class);
        OutboxMail mail = lastMailTo(ADA);
        assertThat(mail.kind()).isEqualTo(MailKind.EMAIL_VERIFICATION);
        String code = find("code: (\\S+)", mail.text());

        User verified = world.useCases.emailVerification().verify(tenant.id(), code, ClientInfo.UNKNOWN);

        assertThat(verified.emailVerified()).isTrue();
        assertThat(login(ADA, OLD).user().emailVerified()).isTrue();
        assertThatThrownBy(() -> world.useCases.emailVerification().verify(tenant.id(), code, ClientInfo.UNKNOWN))
                .isInstanceOf(InvalidCode.class);
    }

    @Test
    void withEnumerationProtectionSignUpAnswersAlikeAndMailsTheOwnerOfATakenAddressANotice() {
        world.users.markEmailVerified(tenant.id(), register(ADA).user().id());
        settings(settings().withSignupEnumerationProtection(true));
        EmailAddress grace = new EmailAddress("grace@example.com");

        SignUpOutcome taken = world.useCases.registerUser().signUp(new RegisterUserUseCase.Command(tenant.id(), ADA,
                NEW, ClientInfo.UNKNOWN, TokenProfile.NATIVE));
        SignUpOutcome fresh = world.useCases.registerUser().signUp(new RegisterUserUseCase.Command(tenant.id(), grace,
                NEW, ClientInfo.UNKNOWN, TokenProfile.NATIVE));

        assertThat(taken).isEqualTo(fresh).isInstanceOf(SignUpOutcome.VerificationPending.class);
        assertThat(lastMailTo(ADA).text()).contains("already have an account");
        assertThat(login(ADA, OLD)).as("the owner's password is unchanged").isNotNull();
        assertThat(lastMailTo(grace).kind()).isEqualTo(MailKind.EMAIL_VERIFICATION);
        assertThatThrownBy(() -> login(grace, NEW)).isInstanceOf(EmailNotVerified.class);
    }

    @Test
    void passwordChangeRefusesAWrongCurrentPasswordEndsTheOtherSessionsAndMailsANotice() {
        Authenticated here = register(ADA);
        Authenticated elsewhere = login(ADA, OLD);
        Principal principal = world.useCases.authenticate().authenticate(tenant.id(), here.accessToken().value());

        assertThatThrownBy(() -> world.useCases.changePassword().change(principal, new Password("not the password"), NEW,
                ClientInfo.UNKNOWN)).isInstanceOf(InvalidInput.class).hasMessageContaining("currentPassword");
        assertThatThrownBy(() -> world.useCases.changePassword().change(principal, OLD, new Password("short"),
                ClientInfo.UNKNOWN)).isInstanceOf(PasswordRejected.class);

        int ended = world.useCases.changePassword().change(principal, OLD, NEW, ClientInfo.UNKNOWN);

        assertThat(ended).isEqualTo(1);
        assertThat(world.sessions.findById(tenant.id(), here.session().id()).orElseThrow().isActiveAt(world.clock.now())).isTrue();
        assertThat(world.sessions.findById(tenant.id(), elsewhere.session().id()).orElseThrow().isActiveAt(world.clock.now())).isFalse();
        assertThat(lastMailTo(ADA).kind()).isEqualTo(MailKind.PASSWORD_CHANGED);
        assertThat(login(ADA, NEW)).isNotNull();
        assertThat(world.audit.events(AuditEventType.PASSWORD_CHANGED)).hasSize(1);
    }

    // ---- the first proof of the mailbox (pre-registration takeover) -----------------------------------------

    @Test
    void theFirstMagicLinkEndsEverySessionOpenedBeforeItAndRemovesThePasswordSetBeforeIt() {
        Authenticated attacker = register(ADA); // someone registered Ada's address with a password they know
        Authenticated attackerAgain = login(ADA, OLD);
        requestMagic(ADA);

        Authenticated owner = magicSignIn(ADA, mailedMagicCode(ADA));

        for (Authenticated before : List.of(attacker, attackerAgain)) {
            assertThat(world.sessions.findById(tenant.id(), before.session().id()).orElseThrow().revocationReason())
                    .contains(dev.gatehouse.domain.session.RevocationReason.MAILBOX_PROVEN);
            assertThatThrownBy(() -> world.useCases.authenticate().authenticate(tenant.id(), before.accessToken().value()))
                    .isInstanceOf(dev.gatehouse.domain.error.Unauthenticated.class);
        }
        assertThat(world.sessions.findById(tenant.id(), owner.session().id()).orElseThrow().isRevoked()).isFalse();
        var stored = world.users.findByEmail(tenant.id(), ADA).orElseThrow();
        assertThat(owner.session().securityStamp()).isEqualTo(stored.securityStamp());
        // No usable password: the attacker's fails as a wrong one, after a real hash check of a current hash.
        assertThat(world.hasher.needsRehash(stored.passwordHash())).isFalse();
        int checks = world.hasher.verifications();
        assertThatThrownBy(() -> login(ADA, OLD)).isInstanceOf(dev.gatehouse.domain.error.InvalidCredentials.class);
        assertThat(world.hasher.verifications()).isEqualTo(checks + 1);
        assertThat(world.audit.events(AuditEventType.EMAIL_VERIFIED)).singleElement().satisfies(event ->
                assertThat(event.details()).containsEntry("by", "magicLink").containsEntry("sessionsEnded", "2"));

        // A later magic link is no first proof: it ends nothing.
        requestMagic(ADA);
        magicSignIn(ADA, mailedMagicCode(ADA));
        assertThat(world.sessions.findById(tenant.id(), owner.session().id()).orElseThrow().isRevoked()).isFalse();
    }

    @Test
    void completingVerificationEndsEverySessionOpenedBeforeItAndKeepsThePassword() {
        Authenticated asked = register(ADA);
        Authenticated other = login(ADA, OLD);
        Principal asking = world.useCases.authenticate().authenticate(tenant.id(), asked.accessToken().value());
        assertThat(world.useCases.emailVerification().send(asking, Optional.empty(), ClientInfo.UNKNOWN)).isTrue();
        String code = find("code: (\\S+)", lastMailTo(ADA).text());

        world.useCases.emailVerification().verify(tenant.id(), code, ClientInfo.UNKNOWN);

        for (Authenticated before : List.of(asked, other)) {
            assertThat(world.sessions.findById(tenant.id(), before.session().id()).orElseThrow().isRevoked()).isTrue();
        }
        assertThat(login(ADA, OLD).user().emailVerified()).isTrue();
    }
}
