package dev.gatehouse.domain.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OAuthProviderTest {
    private static final TenantId TENANT = new TenantId(UUID.randomUUID());

    private static OAuthProvider provider(String name, ProviderType type, String issuer, List<String> scopes) {
        return new OAuthProvider(TENANT, name, type, "client", "s3cret-value", issuer, scopes, false, Instant.EPOCH);
    }

    @Test
    void namesAreLowerCaseLettersDigitsAndDashesUpTo32() {
        assertThat(provider("google-2", ProviderType.GOOGLE, null, null).name()).isEqualTo("google-2");
        for (String bad : List.of("", "Google", "a b", "../x", "a".repeat(33), "é")) {
            assertThatThrownBy(() -> provider(bad, ProviderType.GOOGLE, null, null)).as(bad)
                    .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("name"));
        }
    }

    @Test
    void typesPresetTheirIssuerAndScopes() {
        OAuthProvider google = provider("g", ProviderType.GOOGLE, "https://ignored.example", null);
        assertThat(google.issuer()).isEqualTo(OAuthProvider.GOOGLE_ISSUER);
        assertThat(google.scopes()).containsExactly("openid", "email", "profile");

        OAuthProvider github = provider("gh", ProviderType.GITHUB, null, null);
        assertThat(github.issuer()).isNull();
        assertThat(github.identityIssuer()).isEqualTo(OAuthProvider.GITHUB_ISSUER);
        assertThat(github.scopes()).containsExactly("read:user", "user:email");
        assertThat(provider("ghe", ProviderType.GITHUB, "https://git.example.com/", null).identityIssuer())
                .isEqualTo("https://git.example.com");

        assertThatThrownBy(() -> provider("o", ProviderType.OIDC, null, null))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("issuer"));
        assertThat(provider("o", ProviderType.OIDC, "https://tenant.example.com/", null).issuer())
                .as("compared exactly, so kept as written").isEqualTo("https://tenant.example.com/");
    }

    @Test
    void anIssuerIsAnAbsoluteHttpUrlWithoutUserInfoQueryOrFragment() {
        for (String bad : List.of("ftp://x.example", "https://u:p@x.example", "https://x.example/?a=1",
                "https://x.example/#f", "not a url", "//x.example")) {
            assertThatThrownBy(() -> provider("o", ProviderType.OIDC, bad, null)).as(bad).isInstanceOf(InvalidInput.class);
        }
        assertThat(provider("o", ProviderType.OIDC, "http://127.0.0.1:9000/default", null).isInsecure()).isTrue();
        assertThat(provider("o", ProviderType.OIDC, "https://x.example", null).isInsecure()).isFalse();
    }

    @Test
    void anOpenIdConnectProviderNeedsTheOpenidScopeAndScopesAreTokens() {
        assertThatThrownBy(() -> provider("o", ProviderType.OIDC, "https://x.example", List.of("email")))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("scopes"));
        assertThatThrownBy(() -> provider("o", ProviderType.OIDC, "https://x.example", List.of("openid", "a b")))
                .isInstanceOf(InvalidInput.class);
        assertThat(provider("o", ProviderType.OIDC, "https://x.example", List.of("openid", "email", "openid")).scopes())
                .containsExactly("openid", "email");
        assertThat(provider("gh", ProviderType.GITHUB, null, List.of("read:user")).scopes()).containsExactly("read:user");
    }

    @Test
    void theClientSecretIsRequiredAndNeverShown() {
        OAuthProvider provider = provider("g", ProviderType.GOOGLE, null, null);
        assertThat(provider.toString()).doesNotContain("s3cret-value");
        assertThatThrownBy(() -> new OAuthProvider(TENANT, "g", ProviderType.GOOGLE, "client", " ", null, null, false,
                Instant.EPOCH)).isInstanceOfSatisfying(InvalidInput.class,
                e -> assertThat(e.field()).isEqualTo("clientSecret"));
        assertThat(ProviderType.fromWireName("github")).isEqualTo(ProviderType.GITHUB);
        assertThatThrownBy(() -> ProviderType.fromWireName("facebook")).isInstanceOf(InvalidInput.class);
    }
}
