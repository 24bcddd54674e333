package dev.gatehouse.application.oauth;

import static dev.gatehouse.application.oauth.OAuthFixture.CLIENT;
import static dev.gatehouse.application.oauth.OAuthFixture.profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.auth.port.in.RegisterUserUseCase;
import dev.gatehouse.application.oauth.port.in.OAuthCallbackUseCase;
import dev.gatehouse.application.oauth.port.in.OAuthExchangeUseCase;
import dev.gatehouse.application.oauth.port.in.OAuthProvidersUseCase;
import dev.gatehouse.application.oauth.port.in.StartOAuthUseCase;
import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.IdentityConflict;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.error.NotPermitted;
import dev.gatehouse.domain.error.ReauthenticationRequired;
import dev.gatehouse.domain.error.ResourceNotFound;
import dev.gatehouse.domain.oauth.Identity;
import dev.gatehouse.domain.oauth.OAuthProvider;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.tenant.MfaPolicy;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The provider admin routes, StaticBackend's socialLogin poller, and the user's identities, over the fakes: who may
 * change providers, that the secret never leaves, who gets a compat result, and that a user keeps a way to sign in.
 */
class OAuthAccountsTest {
    private final OAuthFixture fixture = OAuthFixture.create();

    // --- providers ---

    @Test
    void aProviderNeedsSettingsAdminAndKeepsItsSecretWhenAReplacementLeavesItOut() {
        RootAuthority readOnly = new RootAuthority(fixture.tenant.id(), Set.of(Scope.USERS_READ));
        assertThatThrownBy(() -> fixture.oauth.providers().put(new OAuthProvidersUseCase.PutCommand(readOnly, "idp",
                "oidc", "c", "s", OAuthFixture.ISSUER, null, null))).isInstanceOf(NotPermitted.class);
        assertThatThrownBy(() -> fixture.oauth.providers().list(readOnly)).isInstanceOf(NotPermitted.class);

        fixture.provider("idp", false);
        fixture.oauth.providers().put(new OAuthProvidersUseCase.PutCommand(fixture.root(), "idp", "oidc", "client-2",
                null, OAuthFixture.ISSUER, List.of("openid", "email"), true));

        OAuthProvider stored = fixture.oauth.providers().get(fixture.root(), "idp");
        assertThat(stored.clientSecret()).isEqualTo("secret-idp");
        assertThat(stored.clientId()).isEqualTo("client-2");
        assertThat(stored.linkByVerifiedEmail()).isTrue();
        assertThat(fixture.events(AuditEventType.OAUTH_PROVIDER_CHANGED)).hasSize(2)
                .allSatisfy(event -> assertThat(event.details().values()).noneMatch(v -> v.contains("secret-idp")));
        assertThatThrownBy(() -> fixture.oauth.providers().put(new OAuthProvidersUseCase.PutCommand(fixture.root(),
                "new", "oidc", "c", null, OAuthFixture.ISSUER, null, null)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("clientSecret"));
    }

    @Test
    void aProviderTheProtocolRejectsAPlainHttpIssuerAndTheTwentyFirstAreRefused() {
        fixture.protocol.failCheck = "the discovery document names another issuer";
        assertThatThrownBy(() -> fixture.provider("idp", false)).isInstanceOfSatisfying(InvalidInput.class,
                e -> assertThat(e.field()).isEqualTo("issuer"));
        fixture.protocol.failCheck = null;
        assertThatThrownBy(() -> fixture.oauth.providers().put(new OAuthProvidersUseCase.PutCommand(fixture.root(),
                "plain", "oidc", "c", "s", "http://idp.example.com", null, null)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("issuer"));
        for (int i = 0; i < OAuthProvider.MAX_PROVIDERS; i++) {
            fixture.provider("p" + i, false);
        }
        assertThatThrownBy(() -> fixture.provider("one-more", false)).isInstanceOf(InvalidInput.class);
        assertThat(fixture.oauth.providers().list(fixture.root())).hasSize(OAuthProvider.MAX_PROVIDERS);
    }

    @Test
    void withoutAPublicUrlNoProviderCanBeStored() {
        OAuthFixture unconfigured = OAuthFixture.withoutPublicUrl();

        assertThatThrownBy(() -> unconfigured.provider("idp", false)).isInstanceOfSatisfying(InvalidInput.class,
                e -> assertThat(e.getMessage()).contains("GATEHOUSE_PUBLIC_URL"));
    }

    @Test
    void deletingAProviderIsAuditedAndItsPendingSignInsEndAtTheApp() {
        fixture.provider("idp", false);
        StartOAuthUseCase.Started started = fixture.start("idp");

        fixture.oauth.providers().delete(fixture.root(), "idp");

        assertThatThrownBy(() -> fixture.oauth.providers().get(fixture.root(), "idp")).isInstanceOf(ResourceNotFound.class);
        assertThatThrownBy(() -> fixture.oauth.providers().delete(fixture.root(), "idp"))
                .isInstanceOf(ResourceNotFound.class);
        assertThat(fixture.events(AuditEventType.OAUTH_PROVIDER_DELETED)).hasSize(1);
        OAuthCallbackUseCase.Outcome outcome = fixture.comeBack(started, profile("sub-1", "ada@example.com", true));
        assertThat(OAuthFixture.query(((OAuthCallbackUseCase.Redirect) outcome).location()))
                .containsEntry("error", "provider_unavailable");
    }

    // --- StaticBackend's socialLogin ---

    private StartOAuthUseCase.Started compatStart(String requestId, ClientInfo client) {
        return fixture.oauth.start().startCompat(new StartOAuthUseCase.CompatCommand(fixture.tenant.id(), "idp",
                requestId, null, client));
    }

    private Optional<OAuthExchangeUseCase.CompatResult> poll(String requestId, ClientInfo client) {
        return fixture.oauth.exchange().poll(new OAuthExchangeUseCase.PollCommand(fixture.tenant.id(), requestId, client));
    }

    private OAuthCallbackUseCase.Outcome compatComeBack(StartOAuthUseCase.Started started, ClientInfo client) {
        fixture.protocol.willAnswer("compat-code", profile("sub-c", "ada@example.com", true));
        return fixture.oauth.callback().callback(new OAuthCallbackUseCase.Command(OAuthFixture.stateOf(started),
                "compat-code", null, null, started.browser(), client));
    }

    @Test
    void theCompatResultIsNothingUntilFinishedThenOnceAndOnlyForTheSourceThatFinishedIt() {
        fixture.provider("idp", false);
        StartOAuthUseCase.Started started = compatStart("req-1", CLIENT);
        assertThat(poll("req-1", CLIENT)).isEmpty();

        assertThat(compatComeBack(started, CLIENT)).isEqualTo(new OAuthCallbackUseCase.CompatPage(true,
                "You are signed in. You can close this window."));

        ClientInfo elsewhere = new ClientInfo("203.0.113.9", "attacker/1.0");
        assertThat(poll("req-1", elsewhere)).isEmpty();
        OAuthExchangeUseCase.CompatResult result = poll("req-1", CLIENT).orElseThrow();
        assertThat(result.email()).isEqualTo("ada@example.com");
        assertThat(result.first()).isEqualTo("Ada");
        assertThat(result.last()).isEqualTo("Lovelace");
        assertThat(result.avatarUrl()).isEqualTo("https://idp.example.com/ada.png");
        assertThat(result.signedIn().accessToken().value()).isNotBlank();
        assertThat(poll("req-1", CLIENT)).as("once").isEmpty();
    }

    @Test
    void theCompatResultLivesTwoMinutesAndABadRequestIdIsRefusedAtTheStart() {
        fixture.provider("idp", false);
        compatComeBack(compatStart("req-2", CLIENT), CLIENT);
        fixture.world.clock.advance(Duration.ofMinutes(2));

        assertThat(poll("req-2", CLIENT)).isEmpty();
        for (String bad : List.of("", "a b", "x".repeat(129), "<script>")) {
            assertThatThrownBy(() -> compatStart(bad, CLIENT)).as(bad).isInstanceOfSatisfying(InvalidInput.class,
                    e -> assertThat(e.field()).isEqualTo("reqid"));
        }
        assertThat(poll(null, CLIENT)).isEmpty();
    }

    @Test
    void aUserTheGateWouldAskForASecondFactorGetsNoCompatToken() {
        fixture.provider("idp", false);
        fixture.settings(fixture.settings().withMfa(MfaPolicy.ALL));

        OAuthCallbackUseCase.Outcome page = compatComeBack(compatStart("req-3", CLIENT), CLIENT);

        assertThat(page).isInstanceOfSatisfying(OAuthCallbackUseCase.CompatPage.class,
                closing -> assertThat(closing.signedIn()).isFalse());
        assertThat(poll("req-3", CLIENT)).isEmpty();
    }

    // --- identities ---

    private Principal signedInThroughProvider(String subject) {
        String code = fixture.signIn("idp", profile(subject, "ada@example.com", true)).get("code");
        Authenticated session = (Authenticated) fixture.exchange(code, null);
        return fixture.world.useCases.authenticate().authenticate(fixture.tenant.id(), session.accessToken().value());
    }

    @Test
    void aUserWithoutAPasswordCannotUnlinkTheLastIdentity() {
        fixture.provider("idp", false);
        Principal ada = signedInThroughProvider("sub-1");
        Identity only = fixture.oauth.identities().list(ada).get(0);

        assertThatThrownBy(() -> fixture.oauth.identities().unlink(ada, only.id(), CLIENT))
                .isInstanceOf(IdentityConflict.class);
        assertThat(fixture.oauth.identities().list(ada)).hasSize(1);
    }

    @Test
    void withAPasswordTheLastIdentityMayGoAndAnotherUsersIdentityIsNotFound() {
        fixture.provider("idp", true);
        EmailAddress ada = new EmailAddress("ada@example.com");
        fixture.world.useCases.registerUser().register(new RegisterUserUseCase.Command(fixture.tenant.id(), ada,
                new Password("correct horse battery"), CLIENT, TokenProfile.NATIVE));
        Principal principal = signedInThroughProvider("sub-1");
        Identity linked = fixture.oauth.identities().list(principal).get(0);
        // the link by verified email removed the password the address had before it was proved: set one again
        fixture.world.users.updatePasswordHash(fixture.tenant.id(), principal.userId(),
                fixture.world.hasher.hash(new Password("a new password 1")));

        assertThatThrownBy(() -> fixture.oauth.identities().unlink(principal, UUID.randomUUID(), CLIENT))
                .isInstanceOf(ResourceNotFound.class);
        fixture.oauth.identities().unlink(principal, linked.id(), CLIENT);

        assertThat(fixture.oauth.identities().list(principal)).isEmpty();
        assertThat(fixture.events(AuditEventType.IDENTITY_UNLINKED)).hasSize(1);
    }

    @Test
    void unlinkingNeedsARecentProof() {
        fixture.provider("idp", true);
        Principal ada = signedInThroughProvider("sub-1");
        fixture.world.clock.advance(Duration.ofMinutes(11));

        assertThatThrownBy(() -> fixture.oauth.identities().unlink(ada, UUID.randomUUID(), CLIENT))
                .isInstanceOf(ReauthenticationRequired.class);
    }

    // --- linking while signed in ---

    /** A signed-in user who registered with a password and proved their mailbox. */
    private Principal passwordUser(String email) {
        Principal principal = unverifiedPasswordUser(email);
        fixture.world.users.markEmailVerified(fixture.tenant.id(), principal.userId());
        return principal;
    }

    private Principal unverifiedPasswordUser(String email) {
        Authenticated session = (Authenticated) fixture.world.useCases.registerUser().register(
                new RegisterUserUseCase.Command(fixture.tenant.id(), new EmailAddress(email),
                        new Password("correct horse battery"), CLIENT, TokenProfile.NATIVE));
        return fixture.world.useCases.authenticate().authenticate(fixture.tenant.id(), session.accessToken().value());
    }

    @Test
    void aUserWhoseMailboxIsNotProvenLinksNothing() {
        fixture.provider("idp", true);
        Principal registrant = unverifiedPasswordUser("someone-elses@example.com");

        // The registrant may not own the address: a provider account linked now would survive the owner's proof.
        assertThatThrownBy(() -> startLink(registrant)).isInstanceOf(NotPermitted.class)
                .hasMessageContaining("verify your email address");
        assertThatThrownBy(() -> fixture.oauth.identities().confirmLink(registrant, "lnk_whatever", CLIENT))
                .isInstanceOf(NotPermitted.class);
        assertThat(fixture.oauth.identities().list(registrant)).isEmpty();
    }

    private StartOAuthUseCase.Started startLink(Principal principal) {
        return fixture.oauth.start().startLink(new StartOAuthUseCase.LinkCommand(principal, "idp", OAuthFixture.APP,
                CLIENT));
    }

    @Test
    void aLinkCompletesWithTheStartingUsersTokenAndThenSignsThatUserIn() {
        fixture.provider("idp", false);
        Principal bo = passwordUser("bo@example.com");
        StartOAuthUseCase.Started started = startLink(bo);
        assertThat(started.browser()).isNull();

        OAuthCallbackUseCase.Outcome back = fixture.comeBack(started, profile("sub-bo", "bo.elsewhere@example.com", true));
        String linkCode = OAuthFixture.query(((OAuthCallbackUseCase.Redirect) back).location()).get("link_code");
        assertThat(linkCode).startsWith("oal_");
        assertThat(fixture.oauth.identities().list(bo)).as("nothing linked before the confirmation").isEmpty();

        Identity linked = fixture.oauth.identities().confirmLink(bo, linkCode, CLIENT);

        assertThat(linked.subject()).isEqualTo("sub-bo");
        assertThat(fixture.oauth.identities().list(bo)).containsExactly(linked);
        assertThatThrownBy(() -> fixture.oauth.identities().confirmLink(bo, linkCode, CLIENT))
                .isInstanceOf(dev.gatehouse.domain.error.InvalidCode.class);
        String code = fixture.signIn("idp", profile("sub-bo", "bo.elsewhere@example.com", true)).get("code");
        assertThat(((Authenticated) fixture.exchange(code, null)).user().id()).isEqualTo(bo.userId());
    }

    @Test
    void aLinkStartedByAnAttackerAndFinishedInTheVictimsBrowserLinksNothing() {
        fixture.provider("idp", false);
        Principal attacker = passwordUser("mallory@example.com");
        Principal victim = passwordUser("victim@example.com");
        StartOAuthUseCase.Started lure = startLink(attacker);

        // the victim opens the attacker's link and signs in at the provider; the app in the victim's browser confirms
        OAuthCallbackUseCase.Outcome back = fixture.comeBack(lure, profile("sub-victim", "victim@example.com", true));
        String linkCode = OAuthFixture.query(((OAuthCallbackUseCase.Redirect) back).location()).get("link_code");

        assertThatThrownBy(() -> fixture.oauth.identities().confirmLink(victim, linkCode, CLIENT))
                .isInstanceOf(dev.gatehouse.domain.error.InvalidCode.class);
        assertThatThrownBy(() -> fixture.oauth.identities().confirmLink(attacker, linkCode, CLIENT))
                .as("spent").isInstanceOf(dev.gatehouse.domain.error.InvalidCode.class);
        assertThat(fixture.oauth.identities().list(attacker)).isEmpty();
        assertThat(fixture.oauth.identities().list(victim)).isEmpty();
    }

    @Test
    void aProviderAccountOfAnotherUserIsNotLinkedAndLinkingNeedsARecentProof() {
        fixture.provider("idp", false);
        Principal owner = signedInThroughProvider("sub-taken");
        Principal other = passwordUser("other@example.com");

        OAuthCallbackUseCase.Outcome back = fixture.comeBack(startLink(other), profile("sub-taken", "ada@example.com", true));

        assertThat(OAuthFixture.query(((OAuthCallbackUseCase.Redirect) back).location()))
                .containsEntry("error", "identity_in_use").doesNotContainKey("link_code");
        assertThat(fixture.oauth.identities().list(owner)).hasSize(1);
        fixture.world.clock.advance(Duration.ofMinutes(11));
        assertThatThrownBy(() -> startLink(other)).isInstanceOf(ReauthenticationRequired.class);
        assertThatThrownBy(() -> fixture.oauth.start().startLink(new StartOAuthUseCase.LinkCommand(owner, "idp",
                "https://evil.test/", CLIENT))).isInstanceOf(ReauthenticationRequired.class);
    }
}
