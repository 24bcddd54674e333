package dev.gatehouse.adapters.crypto.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.application.oauth.port.out.OAuthProtocol.ProviderFailure;
import dev.gatehouse.domain.oauth.OAuthProvider;
import dev.gatehouse.domain.oauth.ProviderProfile;
import dev.gatehouse.domain.oauth.ProviderType;
import dev.gatehouse.domain.tenant.TenantId;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OpenID Connect sign-in against a real OpenID provider on loopback (mock-oauth2-server: discovery, JWKS, an
 * authorization endpoint that signs in without a page, token and user info endpoints), in dev mode; and the guards
 * that apply outside dev mode. The {@code azp} and user info rules, which need claims this provider does not let a test
 * choose, are in {@link OidcClaimRulesTest}.
 */
class OidcOAuthProtocolTest {
    private static final URI CALLBACK = URI.create("https://app.example/oauth/callback");
    private static final String CLIENT_ID = "gatehouse-client";
    private static final String VERIFIER = "v".repeat(20) + "-0123456789_abcdefghijklmnop~.";
    private static final HttpClient BROWSER = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private static MockOAuth2Server idp;
    private static String issuer;
    private final OidcOAuthProtocol protocol = new OidcOAuthProtocol(true);

    @BeforeAll
    static void startProvider() throws Exception {
        idp = new MockOAuth2Server();
        idp.start(InetAddress.getByName("127.0.0.1"), 0);
        issuer = "http://127.0.0.1:" + idp.baseUrl().port() + "/default";
    }

    @AfterAll
    static void stopProvider() {
        idp.shutdown();
    }

    @Test
    void signsInWithAValidatedIdTokenAndAVerifiedAddress() throws Exception {
        idp.enqueueCallback(new DefaultOAuth2TokenCallback("default", "user-42", "JWT", null,
                Map.of("email", "ada@example.com", "email_verified", true, "name", "Ada Lovelace",
                        "given_name", "Ada", "family_name", "Lovelace"), 3600));

        ProviderProfile profile = signIn(provider(issuer), "nonce-1", "nonce-1");

        assertThat(profile.issuer()).isEqualTo(issuer);
        assertThat(profile.subject()).isEqualTo("user-42");
        assertThat(profile.email()).isEqualTo("ada@example.com");
        assertThat(profile.emailVerified()).isTrue();
        assertThat(profile.name()).isEqualTo("Ada Lovelace");
        assertThat(profile.givenName()).isEqualTo("Ada");
        assertThat(profile.familyName()).isEqualTo("Lovelace");
    }

    @Test
    void countsAnAddressAsVerifiedOnlyWhenTheProviderSaysSo() throws Exception {
        idp.enqueueCallback(new DefaultOAuth2TokenCallback("default", "user-43", "JWT", null,
                Map.of("email", "bob@example.com", "email_verified", false, "name", "Bob"), 3600));

        ProviderProfile profile = signIn(provider(issuer), "nonce-2", "nonce-2");

        assertThat(profile.email()).isEqualTo("bob@example.com");
        assertThat(profile.emailVerified()).isFalse();
    }

    @Test
    void authorizeUrlCarriesStateNonceAndAnS256Challenge() {
        URI url = protocol.authorizeUrl(provider(issuer), CALLBACK, "the-state", "the-nonce", VERIFIER);

        assertThat(url.toString()).startsWith(issuer + "/authorize?")
                .contains("response_type=code", "client_id=" + CLIENT_ID, "state=the-state", "nonce=the-nonce",
                        "code_challenge_method=S256", "scope=openid+email+profile",
                        "redirect_uri=https%3A%2F%2Fapp.example%2Foauth%2Fcallback")
                .doesNotContain(VERIFIER);
    }

    @Test
    void refusesAnIdTokenForAnotherNonce() {
        assertThatThrownBy(() -> signIn(provider(issuer), "nonce-sent", "nonce-expected"))
                .isInstanceOf(ProviderFailure.class).hasMessageContaining("nonce")
                .hasMessageNotContaining("nonce-sent");
    }

    @Test
    void refusesAnIdTokenForAnotherAudience() {
        // The provider names the requesting client as the ID token's audience; an added claim overrides it.
        idp.enqueueCallback(new DefaultOAuth2TokenCallback("default", "user-44", "JWT", null,
                Map.of("aud", List.of("another-client")), 3600));

        assertThatThrownBy(() -> signIn(provider(issuer), "nonce-3", "nonce-3"))
                .isInstanceOf(ProviderFailure.class).hasMessageContaining("audience");
    }

    @Test
    void refusesAnExpiredIdToken() {
        idp.enqueueCallback(new DefaultOAuth2TokenCallback("default", "user-46", "JWT", null, Map.of(), -300));

        assertThatThrownBy(() -> signIn(provider(issuer), "nonce-5", "nonce-5"))
                .isInstanceOf(ProviderFailure.class).hasMessageContaining("Expired");
    }

    @Test
    void refusesAnIdTokenWithoutTheNonce() {
        // The test provider answers a code it never issued with an ID token that carries no nonce.
        assertThatThrownBy(() -> protocol.complete(provider(issuer), CALLBACK, "not-a-code", VERIFIER, "nonce-6"))
                .isInstanceOf(ProviderFailure.class).hasMessage("the ID token was refused: Missing JWT nonce (nonce) claim");
    }

    @Test
    void checkAcceptsTheProvidersDiscoveryDocument() {
        protocol.check(provider(issuer));
    }

    @Test
    void checkRefusesADiscoveryDocumentOfAnotherIssuer() throws Exception {
        HttpServer fake = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        fake.createContext("/.well-known/openid-configuration", exchange -> {
            byte[] body = ("{\"issuer\":\"https://elsewhere.example\",\"authorization_endpoint\":\"https://elsewhere"
                    + ".example/authorize\",\"token_endpoint\":\"https://elsewhere.example/token\",\"jwks_uri\":"
                    + "\"https://elsewhere.example/jwks\",\"response_types_supported\":[\"code\"],"
                    + "\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\"]}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        fake.start();
        try {
            assertThatThrownBy(() -> protocol.check(provider("http://127.0.0.1:" + fake.getAddress().getPort())))
                    .isInstanceOf(ProviderFailure.class).hasMessageContaining("another issuer");
        } finally {
            fake.stop(0);
        }
    }

    @Test
    void checkRefusesALoopbackIssuerOutsideDevMode() {
        OidcOAuthProtocol guarded = new OidcOAuthProtocol(false);

        assertThatThrownBy(() -> guarded.check(provider("https://127.0.0.1:" + idp.baseUrl().port() + "/default")))
                .isInstanceOf(ProviderFailure.class).hasMessageContaining("refused address")
                .hasMessageContaining("loopback");
    }

    @Test
    void checkRefusesPlainHttpOutsideDevMode() {
        OidcOAuthProtocol guarded = new OidcOAuthProtocol(false);

        assertThatThrownBy(() -> guarded.check(provider(issuer)))
                .isInstanceOf(ProviderFailure.class).hasMessageContaining("https");
        assertThatThrownBy(() -> guarded.authorizeUrl(provider(issuer), CALLBACK, "s", "n", VERIFIER))
                .isInstanceOf(ProviderFailure.class).hasMessageContaining("https");
    }

    /** Sends the browser to the authorize URL (the provider signs in without a page) and completes with its code. */
    private ProviderProfile signIn(OAuthProvider provider, String nonceSent, String nonceExpected) throws Exception {
        URI authorize = protocol.authorizeUrl(provider, CALLBACK, "state-" + nonceSent, nonceSent, VERIFIER);
        HttpResponse<Void> redirect = BROWSER.send(HttpRequest.newBuilder(authorize).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(redirect.statusCode()).isEqualTo(302);
        URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        assertThat(location.toString()).startsWith(CALLBACK.toString()).contains("state=state-" + nonceSent);
        String code = query(location, "code");
        return protocol.complete(provider, CALLBACK, code, VERIFIER, nonceExpected);
    }

    private static String query(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            if (pair.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + uri);
    }

    static OAuthProvider provider(String issuer) {
        return new OAuthProvider(new TenantId(UUID.randomUUID()), "corp", ProviderType.OIDC, CLIENT_ID, "s3cret",
                issuer, List.of(), false, Instant.EPOCH);
    }
}
