package dev.gatehouse.application.invitations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.auth.port.in.LoginUseCase;
import dev.gatehouse.application.auth.port.in.RegisterUserUseCase;
import dev.gatehouse.application.fakes.FakeWorld;
import dev.gatehouse.application.invitations.port.in.AcceptInvitationUseCase;
import dev.gatehouse.application.invitations.port.in.InvitationsUseCase;
import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.application.port.in.SignInOutcome;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.application.support.Settings;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.invitation.Invitation;
import dev.gatehouse.domain.mail.MailKind;
import dev.gatehouse.domain.mail.OutboxMail;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.tenant.TenantSettings;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tenant in a {@link FakeWorld} whose allowed redirect URL is {@link #APP}, and the steps the invitation tests
 * repeat: sign-ups (each opens an account its user administers), invitations by a signed-in admin or a root
 * authority, the token read from the mail in the outbox, acceptance. The tenant cache is off, so a settings change
 * is seen at once.
 */
final class InvitationFixture {
    static final Password PASSWORD = new Password("long enough");
    static final String APP = "https://app.example.com/join";
    static final ClientInfo CLIENT = new ClientInfo("198.51.100.7", "invitations-test/1.0");
    private static final Pattern TOKEN = Pattern.compile("[?&]token=([^&\\s\"]+)");

    final FakeWorld world;
    final Tenant tenant;

    private InvitationFixture(FakeWorld world, String publicKey) {
        this(world, world.newTenant(publicKey));
    }

    /** A fixture on a tenant of {@code world} that is stored already; its allowed redirect URL becomes {@link #APP}. */
    InvitationFixture(FakeWorld world, Tenant tenant) {
        this.world = world;
        this.tenant = tenant;
        settings(settings().withAllowedRedirectUrls(Set.of(APP)));
    }

    static InvitationFixture create(String publicKey) {
        return new InvitationFixture(new FakeWorld(Settings.DEFAULT.withTenantCacheTtl(Duration.ZERO)), publicKey);
    }

    static InvitationFixture withRateLimits(String publicKey) {
        return new InvitationFixture(FakeWorld.withRateLimits(Settings.DEFAULT.withTenantCacheTtl(Duration.ZERO)),
                publicKey);
    }

    /** Another tenant of the same world, with the same allowed redirect URL. */
    InvitationFixture otherTenant(String publicKey) {
        return new InvitationFixture(world, publicKey);
    }

    /** Another tenant of the same world with this name, with the same allowed redirect URL. */
    InvitationFixture otherTenant(String publicKey, String name) {
        Tenant named = Tenant.create(new TenantId(UUID.randomUUID()), name,
                publicKey, tenant.settings(), world.clock.now());
        world.tenants.insert(named);
        return new InvitationFixture(world, named);
    }

    TenantSettings settings() {
        return world.tenants.findById(tenant.id()).orElseThrow().settings();
    }

    void settings(TenantSettings settings) {
        world.tenants.updateSettings(tenant.id(), settings);
    }

    InvitationsUseCase invitations() {
        return world.useCases.invitations.invitations();
    }

    /** A native sign-up: a new account whose admin this user is (address not verified). */
    Authenticated signUp(String email) {
        return world.useCases.registerUser().register(new RegisterUserUseCase.Command(tenant.id(),
                new EmailAddress(email), PASSWORD, CLIENT, TokenProfile.NATIVE)).authenticated();
    }

    Authenticated signIn(String email) {
        return world.useCases.login().login(new LoginUseCase.Command(tenant.id(), new EmailAddress(email), PASSWORD,
                CLIENT, TokenProfile.NATIVE)).authenticated();
    }

    Principal principal(Authenticated session) {
        return world.useCases.authenticate().authenticate(tenant.id(), session.accessToken().value());
    }

    RootAuthority rootToken() {
        return new RootAuthority(tenant.id()).withClient(CLIENT);
    }

    RootAuthority key(Scope... scopes) {
        String secret = world.useCases.apiKeys().createSecretKey(new RootAuthority(tenant.id()), "key",
                Set.of(scopes)).secret();
        return world.useCases.apiKeys().authenticateSecretKey(secret).withClient(CLIENT);
    }

    static InvitationsUseCase.Command command(String email, Role role) {
        return new InvitationsUseCase.Command(Optional.empty(), new EmailAddress(email), role, APP, CLIENT);
    }

    static InvitationsUseCase.Command command(AccountId account, String email, Role role) {
        return new InvitationsUseCase.Command(Optional.of(account), new EmailAddress(email), role, APP, CLIENT);
    }

    Invitation invite(Authenticated admin, String email, Role role) {
        return invitations().invite(principal(admin), command(email, role));
    }

    /** The newest invitation mail to the address. */
    OutboxMail mailTo(String email) {
        OutboxMail mail = world.mailOutbox.latestTo(email).orElseThrow();
        assertThat(mail.kind()).isEqualTo(MailKind.INVITATION);
        return mail;
    }

    /** The token in the newest invitation mail's link. */
    String tokenSentTo(String email) {
        Matcher m = TOKEN.matcher(mailTo(email).text());
        assertThat(m.find()).as("a link with a token in %s", mailTo(email).text()).isTrue();
        return URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    }

    SignInOutcome accept(String token, Optional<Password> password, Optional<Principal> signedIn) {
        return world.useCases.invitations.acceptInvitation().accept(new AcceptInvitationUseCase.Command(tenant.id(),
                token, password, signedIn, CLIENT, TokenProfile.NATIVE));
    }

    SignInOutcome accept(String token) {
        return accept(token, Optional.of(PASSWORD), Optional.empty());
    }
}
