package dev.gatehouse.adapters.crypto.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.oauth.port.out.OAuthProtocol.ProviderFailure;
import dev.gatehouse.domain.oauth.OAuthProvider;
import dev.gatehouse.domain.oauth.ProviderProfile;
import dev.gatehouse.domain.oauth.ProviderType;
import dev.gatehouse.domain.tenant.TenantId;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GitHub sign-in against {@link FakeGitHub} on loopback, as an Enterprise Server at the provider's issuer. */
class GitHubOAuthProtocolTest {
    private static final URI CALLBACK = URI.create("https://app.example/oauth/callback");
    private static final String VERIFIER = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFG_-";
    private static final HttpClient BROWSER = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static FakeGitHub github;
    private final OidcOAuthProtocol protocol = new OidcOAuthProtocol(true);

    @BeforeAll
    static void start() throws Exception {
        github = new FakeGitHub();
    }

    @AfterAll
    static void stop() {
        github.close();
    }

    @Test
    void signsInWithTheNumericIdAndTheVerifiedPrimaryAddress() throws Exception {
        github.primaryVerified = true;

        ProviderProfile profile = protocol.complete(provider(), CALLBACK, authorize(VERIFIER), VERIFIER, null);

        assertThat(github.verifierChecked).isTrue();
        assertThat(profile.issuer()).isEqualTo(github.base);
        assertThat(profile.subject()).isEqualTo("583231");
        assertThat(profile.email()).isEqualTo("octo@example.com");
        assertThat(profile.emailVerified()).isTrue();
        assertThat(profile.name()).isEqualTo("The Octocat");
        assertThat(profile.pictureUrl()).isEqualTo("https://avatars.example/u/583231");
    }

    @Test
    void leavesAnUnverifiedPrimaryAddressOut() throws Exception {
        github.primaryVerified = false;

        ProviderProfile profile = protocol.complete(provider(), CALLBACK, authorize(VERIFIER), VERIFIER, null);

        assertThat(profile.email()).isNull();
        assertThat(profile.emailVerified()).isFalse();
    }

    @Test
    void authorizeUrlCarriesStateScopesAndAnS256ChallengeButNoNonce() {
        URI url = protocol.authorizeUrl(provider(), CALLBACK, "the-state", "the-nonce", VERIFIER);

        assertThat(url.toString()).startsWith(github.base + "/login/oauth/authorize?")
                .contains("client_id=" + FakeGitHub.CLIENT_ID, "state=the-state", "code_challenge_method=S256",
                        "scope=read%3Auser+user%3Aemail", "redirect_uri=")
                .doesNotContain("nonce", VERIFIER);
    }

    @Test
    void refusesWhenGitHubAnswersTheCodeWithAnError() {
        assertThatThrownBy(() -> protocol.complete(provider(), CALLBACK, "code-never-issued", VERIFIER, null))
                .isInstanceOf(ProviderFailure.class)
                .hasMessage("GitHub's token endpoint refused: bad_verification_code");
    }

    @Test
    void refusesAVerifierThatDoesNotMatchTheChallenge() throws Exception {
        String code = authorize(VERIFIER);

        assertThatThrownBy(() -> protocol.complete(provider(), CALLBACK, code, VERIFIER.replace('0', '1'), null))
                .isInstanceOf(ProviderFailure.class).hasMessage("GitHub's token endpoint refused: invalid_grant");
    }

    @Test
    void usesGitHubComWithoutIssuerAndRefusesPlainHttpOutsideDevMode() {
        OAuthProvider githubCom = new OAuthProvider(new TenantId(UUID.randomUUID()), "github", ProviderType.GITHUB,
                "id", "secret", null, List.of(), false, Instant.EPOCH);
        OidcOAuthProtocol guarded = new OidcOAuthProtocol(false);

        guarded.check(githubCom);
        assertThat(guarded.authorizeUrl(githubCom, CALLBACK, "s", "n", VERIFIER).toString())
                .startsWith("https://github.com/login/oauth/authorize?");
        assertThatThrownBy(() -> guarded.check(provider())).isInstanceOf(ProviderFailure.class)
                .hasMessageContaining("https");
    }

    /** The browser's trip: the authorize URL, then the code GitHub redirects back with. */
    private String authorize(String verifier) throws Exception {
        URI url = protocol.authorizeUrl(provider(), CALLBACK, "st", null, verifier);
        HttpResponse<Void> redirect = BROWSER.send(HttpRequest.newBuilder(url).build(),
                HttpResponse.BodyHandlers.discarding());
        URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        assertThat(location.getRawQuery()).endsWith("&state=st");
        String code = location.getRawQuery().split("&")[0];
        return URLDecoder.decode(code.substring("code=".length()), StandardCharsets.UTF_8);
    }

    private static OAuthProvider provider() {
        return new OAuthProvider(new TenantId(UUID.randomUUID()), "github", ProviderType.GITHUB, FakeGitHub.CLIENT_ID,
                FakeGitHub.CLIENT_SECRET, github.base, List.of(), false, Instant.EPOCH);
    }
}
