package dev.gatehouse.application.oauth;

import static dev.gatehouse.application.oauth.OAuthFixture.APP;
import static dev.gatehouse.application.oauth.OAuthFixture.CLIENT;
import static dev.gatehouse.application.oauth.OAuthFixture.profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.auth.port.in.LoginUseCase;
import dev.gatehouse.application.auth.port.in.RegisterUserUseCase;
import dev.gatehouse.application.oauth.port.in.OAuthCallbackUseCase;
import dev.gatehouse.application.oauth.port.in.StartOAuthUseCase;
import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.port.in.SecondFactorRequired;
import dev.gatehouse.application.port.in.SignInOutcome;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.InvalidCode;
import dev.gatehouse.domain.error.InvalidCredentials;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.error.InvalidOAuthState;
import dev.gatehouse.domain.oauth.Identity;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.tenant.MfaPolicy;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import dev.gatehouse.domain.user.User;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The browser sign-in through a provider over the fakes: who signs in for what the provider says, and what a
 * forged, replayed, late or foreign step gets (docs/social-login.md).
 */
class OAuthSignInTest {
    private static final EmailAddress ADA = new EmailAddress("ada@example.com");
    private static final Password PASSWORD = new Password("correct horse battery");

    private final OAuthFixture fixture = OAuthFixture.create();

    private User user(EmailAddress email) {
        return fixture.world.users.findByEmail(fixture.tenant.id(), email).orElseThrow();
    }

    private SignInOutcome register(EmailAddress email) {
        return fixture.world.useCases.registerUser().register(new RegisterUserUseCase.Command(fixture.tenant.id(),
                email, PASSWORD, CLIENT, TokenProfile.NATIVE));
    }

    private SignInOutcome login(EmailAddress email) {
        return fixture.world.useCases.login().login(new LoginUseCase.Command(fixture.tenant.id(), email, PASSWORD,
                CLIENT, TokenProfile.NATIVE));
    }

    // --- who signs in ---

    @Test
    void aNewIdentityWithAVerifiedAddressCreatesAVerifiedUserWithoutAPasswordAndSignsInThroughTheExchange() {
        fixture.provider("idp", false);

        Map<String, String> query = fixture.signIn("idp", profile("sub-1", "Ada@Example.com", true));

        assertThat(query).containsEntry("state", "app-state").containsKey("code");
        assertThat(query.get("code")).startsWith("oac_").hasSizeGreaterThan(40);
        User created = user(ADA);
        assertThat(created.emailVerified()).isTrue();
        assertThat(created.role()).as("as /register: the owner of a new account").isEqualTo(Role.ACCOUNT_ADMIN);
        assertThat(created.passwordHash().isSet()).isFalse();
        assertThat(fixture.identityStore.ofUser(fixture.tenant.id(), created.id())).singleElement()
                .satisfies(identity -> {
                    assertThat(identity.issuer()).isEqualTo(OAuthFixture.ISSUER);
                    assertThat(identity.subject()).isEqualTo("sub-1");
                    assertThat(identity.providerName()).isEqualTo("idp");
                });
        SignInOutcome outcome = fixture.exchange(query.get("code"), null);
        assertThat(outcome).isInstanceOfSatisfying(Authenticated.class,
                signedIn -> assertThat(signedIn.user().id()).isEqualTo(created.id()));
        assertThat(fixture.events(AuditEventType.SIGN_UP)).singleElement()
                .satisfies(event -> assertThat(event.details()).containsEntry("method", "provider"));
    }

    @Test
    void aReturningIdentitySignsInTheSameUserEvenAfterTheProviderNameWasReusedForAnotherIssuerOnlyByIssuerAndSubject() {
        fixture.provider("idp", false);
        fixture.exchange(fixture.signIn("idp", profile("sub-1", "ada@example.com", true)).get("code"), null);

        SignInOutcome again = fixture.exchange(fixture.signIn("idp", profile("sub-1", "new-address@example.com", true))
                .get("code"), null);

        assertThat(((Authenticated) again).user().id()).isEqualTo(user(ADA).id());
        assertThat(fixture.world.users.findByEmail(fixture.tenant.id(), new EmailAddress("new-address@example.com")))
                .as("the provider's new address names no new user").isEmpty();
    }

    @Test
    void aUserCreatedThroughAProviderHasNoPasswordThatWorks() {
        fixture.provider("idp", false);
        fixture.signIn("idp", profile("sub-1", "ada@example.com", true));

        assertThatThrownBy(() -> login(ADA)).isInstanceOf(InvalidCredentials.class);
        assertThatThrownBy(() -> fixture.world.useCases.login().login(new LoginUseCase.Command(fixture.tenant.id(),
                ADA, new Password("!none"), CLIENT, TokenProfile.NATIVE))).isInstanceOf(InvalidCredentials.class);
    }

    @Test
    void aNewIdentityWhoseAddressTheProviderDoesNotVouchForIsRefused() {
        fixture.provider("idp", true);

        Map<String, String> query = fixture.signIn("idp", profile("sub-1", "ada@example.com", false));

        assertThat(query).containsEntry("error", "email_not_verified").containsEntry("state", "app-state")
                .doesNotContainKey("code");
        assertThat(fixture.world.users.findByEmail(fixture.tenant.id(), ADA)).isEmpty();
        assertThat(fixture.signIn("idp", profile("sub-2", null, true))).containsEntry("error", "email_not_verified");
    }

    @Test
    void anUnverifiedProviderAddressOfAnExistingUserNeverLinksEvenWithLinkingAllowed() {
        fixture.provider("idp", true);
        register(ADA);

        assertThat(fixture.signIn("idp", profile("sub-1", "ada@example.com", false)))
                .containsEntry("error", "email_not_verified");
        assertThat(fixture.identityStore.ofUser(fixture.tenant.id(), user(ADA).id())).isEmpty();
    }

    @Test
    void anExistingUsersAddressIsRefusedAsAccountExistsUnlessTheProviderLinksByVerifiedEmail() {
        fixture.provider("idp", false);
        register(ADA);

        Map<String, String> query = fixture.signIn("idp", profile("sub-1", "ada@example.com", true));

        assertThat(query).containsEntry("error", "account_exists").doesNotContainKey("code");
        assertThat(fixture.identityStore.ofUser(fixture.tenant.id(), user(ADA).id())).isEmpty();
        assertThat(login(ADA)).as("the owner's password still works").isInstanceOf(Authenticated.class);
    }

    @Test
    void linkingByVerifiedEmailIsTheFirstProofOfTheMailboxItEndsSessionsAndRemovesTheEarlierPassword() {
        fixture.provider("idp", true);
        Authenticated squatter = (Authenticated) register(ADA);

        Map<String, String> query = fixture.signIn("idp", profile("sub-1", "ada@example.com", true));

        assertThat(query).containsKey("code");
        User linked = user(ADA);
        assertThat(linked.emailVerified()).isTrue();
        assertThat(linked.passwordHash().isSet()).as("the password set before the proof is gone").isFalse();
        assertThatThrownBy(() -> login(ADA)).isInstanceOf(InvalidCredentials.class);
        assertThat(fixture.world.sessions.findById(fixture.tenant.id(), squatter.session().id()).orElseThrow()
                .isActiveAt(fixture.world.clock.now())).as("the squatter's session ended").isFalse();
        assertThat(((Authenticated) fixture.exchange(query.get("code"), null)).user().id()).isEqualTo(linked.id());
        assertThat(fixture.events(AuditEventType.IDENTITY_LINKED)).hasSize(1);
        assertThat(fixture.events(AuditEventType.EMAIL_VERIFIED)).singleElement()
                .satisfies(event -> assertThat(event.details()).containsEntry("by", "provider"));
    }

    @Test
    void aTenantRootUserIsNeverLinkedByEmail() {
        fixture.provider("idp", true);
        register(ADA);
        User ada = user(ADA);
        fixture.world.users.updateRole(fixture.tenant.id(), ada.id(), Role.ROOT);

        assertThat(fixture.signIn("idp", profile("sub-1", "ada@example.com", true)))
                .containsEntry("error", "account_exists");
    }

    @Test
    void aProviderErrorGoesBackToTheAppAsItsCodeAndAnOddCodeAsProviderError() {
        fixture.provider("idp", false);
        StartOAuthUseCase.Started started = fixture.start("idp");

        OAuthCallbackUseCase.Outcome outcome = fixture.oauth.callback().callback(new OAuthCallbackUseCase.Command(
                OAuthFixture.stateOf(started), null, "access_denied", "the user said no", started.browser(), CLIENT));

        Map<String, String> query = OAuthFixture.query(((OAuthCallbackUseCase.Redirect) outcome).location());
        assertThat(query).containsEntry("error", "access_denied").containsEntry("state", "app-state");
        assertThat(query.get("error_description")).contains("the user said no");

        StartOAuthUseCase.Started other = fixture.start("idp");
        OAuthCallbackUseCase.Outcome odd = fixture.oauth.callback().callback(new OAuthCallbackUseCase.Command(
                OAuthFixture.stateOf(other), null, "<script>", null, other.browser(), CLIENT));
        assertThat(OAuthFixture.query(((OAuthCallbackUseCase.Redirect) odd).location()))
                .containsEntry("error", "provider_error");
    }

    // --- forged, replayed, late and foreign steps ---

    @Test
    void aCallbackWithAnUnknownOrMissingStateIsRefusedWithoutARedirect() {
        fixture.provider("idp", false);
        StartOAuthUseCase.Started started = fixture.start("idp");

        assertThatThrownBy(() -> fixture.oauth.callback().callback(new OAuthCallbackUseCase.Command("forged", "c",
                null, null, started.browser(), CLIENT))).isInstanceOf(InvalidOAuthState.class);
        assertThatThrownBy(() -> fixture.oauth.callback().callback(new OAuthCallbackUseCase.Command(null, "c",
                null, null, started.browser(), CLIENT))).isInstanceOf(InvalidOAuthState.class);
    }

    @Test
    void aStateIsGoodOnce() {
        fixture.provider("idp", false);
        StartOAuthUseCase.Started started = fixture.start("idp");
        fixture.comeBack(started, profile("sub-1", "ada@example.com", true));

        assertThatThrownBy(() -> fixture.comeBack(started, profile("sub-1", "ada@example.com", true)))
                .isInstanceOf(InvalidOAuthState.class).hasMessageContaining("finished");
    }

    @Test
    void aStateOlderThanTenMinutesIsRefused() {
        fixture.provider("idp", false);
        StartOAuthUseCase.Started started = fixture.start("idp");
        fixture.world.clock.advance(Duration.ofMinutes(10));

        assertThatThrownBy(() -> fixture.comeBack(started, profile("sub-1", "ada@example.com", true)))
                .isInstanceOf(InvalidOAuthState.class).hasMessageContaining("10 minutes");
        assertThat(fixture.world.users.findByEmail(fixture.tenant.id(), ADA)).isEmpty();
    }

    @Test
    void aCallbackInAnotherBrowserOrWithoutTheCookieIsRefused() {
        fixture.provider("idp", false);
        StartOAuthUseCase.Started victims = fixture.start("idp");
        StartOAuthUseCase.Started attackers = fixture.start("idp");
        fixture.protocol.willAnswer("c1", profile("sub-1", "ada@example.com", true));

        assertThatThrownBy(() -> fixture.oauth.callback().callback(new OAuthCallbackUseCase.Command(
                OAuthFixture.stateOf(attackers), "c1", null, null, victims.browser(), CLIENT)))
                .isInstanceOf(InvalidOAuthState.class).hasMessageContaining("another browser");
        StartOAuthUseCase.Started again = fixture.start("idp");
        assertThatThrownBy(() -> fixture.oauth.callback().callback(new OAuthCallbackUseCase.Command(
                OAuthFixture.stateOf(again), "c1", null, null, null, CLIENT))).isInstanceOf(InvalidOAuthState.class);
        assertThat(fixture.world.users.findByEmail(fixture.tenant.id(), ADA)).isEmpty();
    }

    @Test
    void aBrowserKeepsItsBindingAcrossSignInsSoTwoTabsBothFinish() {
        fixture.provider("idp", false);
        StartOAuthUseCase.Started first = fixture.start("idp");
        StartOAuthUseCase.Started second = fixture.oauth.start().start(new StartOAuthUseCase.SignInCommand(
                fixture.tenant.id(), "idp", APP, null, null, null, first.browser(), CLIENT));

        assertThat(second.browser()).isEqualTo(first.browser());
        assertThat(fixture.comeBack(first, profile("sub-1", "ada@example.com", true)))
                .isInstanceOf(OAuthCallbackUseCase.Redirect.class);
        assertThat(fixture.comeBack(second, profile("sub-1", "ada@example.com", true)))
                .isInstanceOf(OAuthCallbackUseCase.Redirect.class);
    }

    @Test
    void theExchangeCodeWorksOnceAndForSixtySeconds() {
        fixture.provider("idp", false);
        String code = fixture.signIn("idp", profile("sub-1", "ada@example.com", true)).get("code");
        assertThat(fixture.exchange(code, null)).isInstanceOf(Authenticated.class);
        assertThatThrownBy(() -> fixture.exchange(code, null)).isInstanceOf(InvalidCode.class);

        String late = fixture.signIn("idp", profile("sub-1", "ada@example.com", true)).get("code");
        fixture.world.clock.advance(Duration.ofSeconds(60));
        assertThatThrownBy(() -> fixture.exchange(late, null)).isInstanceOf(InvalidCode.class);
        assertThatThrownBy(() -> fixture.exchange("oac_forged", null)).isInstanceOf(InvalidCode.class);
        assertThatThrownBy(() -> fixture.exchange(null, null)).isInstanceOf(InvalidCode.class);
    }

    @Test
    void withAChallengeTheExchangeNeedsTheVerifierAndAWrongOneSpendsTheCode() throws Exception {
        fixture.provider("idp", false);
        String verifier = "a-verifier-of-the-app-that-is-long-enough-for-pkce-0123456789";
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));

        OAuthCallbackUseCase.Outcome stolen = fixture.comeBack(fixture.start("idp", challenge),
                profile("sub-1", "ada@example.com", true));
        String stolenCode = OAuthFixture.query(((OAuthCallbackUseCase.Redirect) stolen).location()).get("code");
        assertThatThrownBy(() -> fixture.exchange(stolenCode, null)).isInstanceOf(InvalidCode.class);
        assertThatThrownBy(() -> fixture.exchange(stolenCode, verifier)).as("spent by the wrong try")
                .isInstanceOf(InvalidCode.class);

        OAuthCallbackUseCase.Outcome fine = fixture.comeBack(fixture.start("idp", challenge),
                profile("sub-1", "ada@example.com", true));
        String code = OAuthFixture.query(((OAuthCallbackUseCase.Redirect) fine).location()).get("code");
        assertThatThrownBy(() -> fixture.exchange(code, verifier + "x")).isInstanceOf(InvalidCode.class);
        OAuthCallbackUseCase.Outcome third = fixture.comeBack(fixture.start("idp", challenge),
                profile("sub-1", "ada@example.com", true));
        assertThat(fixture.exchange(OAuthFixture.query(((OAuthCallbackUseCase.Redirect) third).location()).get("code"),
                verifier)).isInstanceOf(Authenticated.class);
    }

    @Test
    void theExchangeGoesThroughTheSessionGate() {
        fixture.provider("idp", false);
        fixture.settings(fixture.settings().withMfa(MfaPolicy.ALL));

        SignInOutcome outcome = fixture.exchange(fixture.signIn("idp", profile("sub-1", "ada@example.com", true))
                .get("code"), null);

        assertThat(outcome).isInstanceOfSatisfying(SecondFactorRequired.class,
                step -> assertThat(step.enrolmentRequired()).isTrue());
        assertThat(fixture.world.sessions.findActiveByUser(fixture.tenant.id(), user(ADA).id(),
                fixture.world.clock.now())).isEmpty();
    }

    // --- what the start refuses ---

    @Test
    void theStartRefusesAnyRedirectUriButAnExactlyAllowedOneAndStoresNothing() {
        fixture.provider("idp", false);
        List<String> lookAlikes = List.of("https://app.example.com.evil.test/auth/done",
                "https://app.example.com/auth/done/more", "https://app.example.com/auth/done?x=1",
                "https://evil.test@app.example.com/auth/done", "https://app.example.com/auth/don",
                "http://app.example.com/auth/done", " https://app.example.com/auth/done", "");
        for (String uri : lookAlikes) {
            assertThatThrownBy(() -> fixture.oauth.start().start(new StartOAuthUseCase.SignInCommand(
                    fixture.tenant.id(), "idp", uri, null, null, null, null, CLIENT)))
                    .as(uri).isInstanceOfSatisfying(InvalidInput.class,
                            e -> assertThat(e.field()).isEqualTo("redirect_uri"));
        }
        assertThat(fixture.flowStore.size()).isZero();
    }

    @Test
    void theStartRefusesAnUnknownProviderAPlainChallengeAndAnOversizedState() {
        fixture.provider("idp", false);

        assertThatThrownBy(() -> fixture.start("nope")).isInstanceOfSatisfying(InvalidInput.class,
                e -> assertThat(e.field()).isEqualTo("provider"));
        assertThatThrownBy(() -> fixture.start("../idp")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> fixture.oauth.start().start(new StartOAuthUseCase.SignInCommand(fixture.tenant.id(),
                "idp", APP, null, "x".repeat(43), "plain", null, CLIENT))).isInstanceOfSatisfying(InvalidInput.class,
                e -> assertThat(e.field()).isEqualTo("code_challenge_method"));
        assertThatThrownBy(() -> fixture.oauth.start().start(new StartOAuthUseCase.SignInCommand(fixture.tenant.id(),
                "idp", APP, "s".repeat(513), null, null, null, CLIENT))).isInstanceOfSatisfying(InvalidInput.class,
                e -> assertThat(e.field()).isEqualTo("state"));
        assertThat(fixture.flowStore.size()).isZero();
    }

    @Test
    void aProviderThatCannotBeReachedAtTheStartSendsTheAppAnErrorAndStoresNoFlow() {
        fixture.provider("idp", false);
        fixture.protocol.failAuthorize = "discovery answered HTTP 503";

        StartOAuthUseCase.Started started = fixture.start("idp");

        assertThat(OAuthFixture.withoutQuery(started.authorizeUrl())).isEqualTo(APP);
        assertThat(OAuthFixture.query(started.authorizeUrl())).containsEntry("error", "provider_unavailable")
                .containsEntry("state", "app-state");
        assertThat(fixture.flowStore.size()).isZero();
        assertThatThrownBy(() -> fixture.oauth.start().startCompat(new StartOAuthUseCase.CompatCommand(
                fixture.tenant.id(), "idp", "req-1", null, CLIENT))).isInstanceOfSatisfying(InvalidInput.class,
                e -> assertThat(e.field()).isEqualTo("provider"));
    }

    @Test
    void oneSourceFloodingTheStartIsStoppedWhileAnotherSourceStillSignsIn() {
        fixture.provider("idp", false);
        ClientInfo flooder = new ClientInfo("203.0.113.66", "flood/1.0");
        StartOAuthUseCase.SignInCommand flood = new StartOAuthUseCase.SignInCommand(fixture.tenant.id(), "idp", APP,
                null, null, null, null, flooder);
        int limit = dev.gatehouse.domain.tenant.RateLimitKind.OAUTH_PER_IP.defaultLimit().limit();
        for (int i = 0; i < limit; i++) {
            fixture.oauth.start().start(flood);
        }

        assertThatThrownBy(() -> fixture.oauth.start().start(flood))
                .isInstanceOf(dev.gatehouse.domain.error.RateLimited.class);
        assertThat(fixture.comeBack(fixture.start("idp"), profile("sub-1", "ada@example.com", true)))
                .as("another address is not held back").isInstanceOf(OAuthCallbackUseCase.Redirect.class);
    }

    @Test
    void theServersStateNonceAndBindingAreFreshAndOnlyHashesOfStateAndBindingAreStored() {
        fixture.provider("idp", false);
        StartOAuthUseCase.Started one = fixture.start("idp");
        StartOAuthUseCase.Started two = fixture.start("idp");

        assertThat(OAuthFixture.stateOf(one)).isNotEqualTo(OAuthFixture.stateOf(two)).hasSize(43);
        assertThat(one.browser()).isNotEqualTo(two.browser()).hasSize(43);
        assertThat(fixture.flowStore.toString()).doesNotContain(OAuthFixture.stateOf(one), one.browser());
        assertThat(OAuthFixture.withoutQuery(one.authorizeUrl())).isEqualTo(
                dev.gatehouse.application.fakes.FakeOAuthProtocol.AUTHORIZE);
        assertThat(OAuthFixture.query(one.authorizeUrl())).containsEntry("redirect_uri",
                "https://auth.example.com/v1/auth/oauth/callback");
    }

    @Test
    void anIdentityLinkedInOneTenantSignsInNobodyInAnother() {
        fixture.provider("idp", false);
        fixture.signIn("idp", profile("sub-1", "ada@example.com", true));

        assertThat(fixture.identityStore.find(fixture.world.newTenant("pk_other").id(), OAuthFixture.ISSUER, "sub-1"))
                .isEmpty();
        List<Identity> mine = fixture.identityStore.ofUser(fixture.tenant.id(), user(ADA).id());
        assertThat(mine).hasSize(1);
    }
}
