package dev.gatehouse.adapters.crypto.oauth;

import static dev.gatehouse.adapters.crypto.oauth.FakeOidcIssuer.claims;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.oauth.port.out.OAuthProtocol.ProviderFailure;
import dev.gatehouse.domain.oauth.OAuthProvider;
import dev.gatehouse.domain.oauth.ProviderProfile;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ID token and user info rules a test needs to write claims for: {@code azp} with several audiences, user info
 * filling what the ID token leaves out, user info of another subject. Against {@link FakeOidcIssuer}, which also
 * holds the client to client_secret_post when its document allows nothing else.
 */
class OidcClaimRulesTest {
    private static final URI CALLBACK = URI.create("https://app.example/oauth/callback");
    private static final String VERIFIER = "x".repeat(43);
    private static FakeOidcIssuer issuer;
    private final OidcOAuthProtocol protocol = new OidcOAuthProtocol(true);

    @BeforeAll
    static void start() throws Exception {
        issuer = new FakeOidcIssuer();
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    @Test
    void acceptsSeveralAudiencesWhenTheAuthorizedPartyIsThisClient() {
        issuer.idTokenClaims = claims("n1", List.of("gatehouse-client", "api"), "azp", "gatehouse-client",
                "email", "ada@example.com", "email_verified", true, "name", "Ada");

        assertThat(complete("n1").subject()).isEqualTo("sub-1");
    }

    @Test
    void refusesSeveralAudiencesWhenTheAuthorizedPartyIsAnotherClient() {
        issuer.idTokenClaims = claims("n2", List.of("gatehouse-client", "api"), "azp", "api");

        assertThatThrownBy(() -> complete("n2")).isInstanceOf(ProviderFailure.class).hasMessageContaining("azp");
    }

    @Test
    void refusesSeveralAudiencesWithoutAnAuthorizedParty() {
        issuer.idTokenClaims = claims("n3", List.of("gatehouse-client", "api"));

        assertThatThrownBy(() -> complete("n3")).isInstanceOf(ProviderFailure.class).hasMessageContaining("azp");
    }

    @Test
    void refusesAnIdTokenIssuedInTheFuture() {
        issuer.idTokenClaims = claims("n8", List.of("gatehouse-client"), "iat",
                new java.util.Date(System.currentTimeMillis() + 10 * 60_000));

        assertThatThrownBy(() -> complete("n8")).isInstanceOf(ProviderFailure.class);
    }

    @Test
    void refusesAnIdTokenSignedByAKeyTheIssuerDoesNotPublish() throws Exception {
        issuer.idTokenClaims = claims("n9", List.of("gatehouse-client"), "email", "ada@example.com",
                "email_verified", true);
        issuer.forger = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID("k1").generate();
        try {
            assertThatThrownBy(() -> complete("n9")).isInstanceOf(ProviderFailure.class);
        } finally {
            issuer.forger = null;
        }
    }

    @Test
    void readsTheAddressAndNameFromUserInfoWhenTheIdTokenLacksThem() {
        issuer.idTokenClaims = claims("n4", List.of("gatehouse-client"));
        issuer.userInfo = """
                {"sub":"sub-1","email":"grace@example.com","email_verified":true,"name":"Grace Hopper",
                 "picture":"https://img.example/grace.png"}""";

        ProviderProfile profile = complete("n4");

        assertThat(profile.email()).isEqualTo("grace@example.com");
        assertThat(profile.emailVerified()).isTrue();
        assertThat(profile.name()).isEqualTo("Grace Hopper");
        assertThat(profile.pictureUrl()).isEqualTo("https://img.example/grace.png");
    }

    @Test
    void countsAUserInfoAddressAsUnverifiedWithoutEmailVerifiedTrue() {
        issuer.idTokenClaims = claims("n5", List.of("gatehouse-client"));
        issuer.userInfo = "{\"sub\":\"sub-1\",\"email\":\"grace@example.com\",\"email_verified\":\"yes\"}";

        ProviderProfile profile = complete("n5");

        assertThat(profile.email()).isEqualTo("grace@example.com");
        assertThat(profile.emailVerified()).isFalse();
    }

    @Test
    void refusesUserInfoAboutAnotherSubject() {
        issuer.idTokenClaims = claims("n6", List.of("gatehouse-client"));
        issuer.userInfo = "{\"sub\":\"someone-else\",\"email\":\"mallory@example.com\",\"email_verified\":true}";

        assertThatThrownBy(() -> complete("n6")).isInstanceOf(ProviderFailure.class)
                .hasMessageContaining("another subject");
    }

    private ProviderProfile complete(String nonce) {
        OAuthProvider provider = OidcOAuthProtocolTest.provider(issuer.issuer);
        return protocol.complete(provider, CALLBACK, "any-code", VERIFIER, nonce);
    }
}
