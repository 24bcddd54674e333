package dev.gatehouse.application.emailchange;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.auth.port.in.LoginUseCase;
import dev.gatehouse.application.auth.port.in.RegisterUserUseCase;
import dev.gatehouse.application.emailchange.port.in.ChangeEmailUseCase;
import dev.gatehouse.application.emailchange.port.in.RevertEmailChangeUseCase;
import dev.gatehouse.application.fakes.FakeWorld;
import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.application.support.Settings;
import dev.gatehouse.domain.mail.MailKind;
import dev.gatehouse.domain.mail.OutboxMail;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import dev.gatehouse.domain.user.User;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A tenant with an app URL over one {@link FakeWorld}, and the steps of an email change as a user takes them. */
final class EmailChangeFixture {
    static final String APP = "https://app.example.com/account";
    static final Password PASSWORD = new Password("long enough pw");
    static final ClientInfo CLIENT = new ClientInfo("203.0.113.9", "emailchange-test/1.0");

    final FakeWorld world;
    final Tenant tenant;

    EmailChangeFixture(boolean rateLimited) {
        Settings settings = Settings.DEFAULT.withTenantCacheTtl(Duration.ZERO);
        this.world = rateLimited ? FakeWorld.withRateLimits(settings) : new FakeWorld(settings);
        Tenant created = world.newTenant("pk_emailchange_" + System.nanoTime());
        world.tenants.updateSettings(created.id(), created.settings().withAllowedRedirectUrls(Set.of(APP)));
        this.tenant = world.tenants.findById(created.id()).orElseThrow();
    }

    ChangeEmailUseCase change() {
        return world.useCases.emailChange.changeEmail();
    }

    RevertEmailChangeUseCase revert() {
        return world.useCases.emailChange.revertEmailChange();
    }

    Authenticated register(EmailAddress email) {
        return world.useCases.registerUser().register(new RegisterUserUseCase.Command(tenant.id(), email, PASSWORD,
                CLIENT, TokenProfile.NATIVE)).authenticated();
    }

    Authenticated signIn(EmailAddress email) {
        return world.useCases.login().login(new LoginUseCase.Command(tenant.id(), email, PASSWORD, CLIENT,
                TokenProfile.NATIVE)).authenticated();
    }

    Principal principal(Authenticated session) {
        return world.useCases.authenticate().authenticate(tenant.id(), session.accessToken().value());
    }

    void start(Authenticated session, EmailAddress to) {
        change().start(new ChangeEmailUseCase.StartCommand(principal(session), to, CLIENT));
    }

    void startCompat(Authenticated session, EmailAddress to) {
        change().startCompat(new ChangeEmailUseCase.StartCommand(principal(session), to, CLIENT));
    }

    User confirm(Authenticated session, String code) {
        return change().confirm(new ChangeEmailUseCase.ConfirmCommand(principal(session), code, CLIENT));
    }

    void revertWith(String token) {
        revert().revert(new RevertEmailChangeUseCase.RevertCommand(tenant.id(), token, CLIENT));
    }

    User user(EmailAddress email) {
        return world.users.findByEmail(tenant.id(), email).orElseThrow();
    }

    /** The mails of this kind to the address, oldest first. */
    List<OutboxMail> mails(EmailAddress to, MailKind kind) {
        return world.mailOutbox.all().stream().filter(m -> m.tenant().equals(tenant.id())
                && m.to().equals(to.value()) && m.kind() == kind).toList();
    }

    List<OutboxMail> mailsTo(EmailAddress to) {
        return world.mailOutbox.all().stream().filter(m -> m.to().equals(to.value())).toList();
    }

    OutboxMail lastMail(EmailAddress to, MailKind kind) {
        List<OutboxMail> mails = mails(to, kind);
        assertThat(mails).as("%s mails to %s", kind, to.value()).isNotEmpty();
        return mails.get(mails.size() - 1);
    }

    /** The code of the latest change mail to the address. */
    String code(EmailAddress to) {
        return find("confirmation code: (\\S+)", lastMail(to, MailKind.EMAIL_CHANGE).text());
    }

    /** The revert token of the latest change notice to the (old) address, from its link. */
    String revertToken(EmailAddress old) {
        String text = lastMail(old, MailKind.EMAIL_CHANGED).text();
        return URLDecoder.decode(find("[?&]revertEmailChange=([^&\\s)]+)", text), StandardCharsets.UTF_8);
    }

    static String find(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in %s", regex, text).isTrue();
        return m.group(1);
    }
}
