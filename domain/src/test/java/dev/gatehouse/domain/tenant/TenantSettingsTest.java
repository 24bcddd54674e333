package dev.gatehouse.domain.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.policy.PasswordPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantSettingsTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @Test
    void defaultsAreValidAndConservative() {
        TenantSettings settings = TenantSettings.DEFAULT;
        assertThat(settings.allowedRedirectUrls()).isEmpty();
        assertThat(settings.defaultSender()).isNull();
        assertThat(settings.requireEmailVerification()).isFalse();
        assertThat(settings.signupEnumerationProtection()).isFalse();
        assertThat(settings.magicLinkCreatesUser()).isFalse();
        assertThat(settings.rateLimits()).isEmpty();
        assertThat(settings.externalIssuers()).isEmpty();
        assertThat(settings.mfa()).isEqualTo(MfaPolicy.OFF);
        assertThat(settings.rateLimit(RateLimitKind.LOGIN_PER_IP)).isEqualTo(RateLimitKind.LOGIN_PER_IP.defaultLimit());
    }

    @Test
    void withMethodsChangeOneFieldAndReportIt() {
        TenantSettings changed = TenantSettings.DEFAULT
                .withRequireEmailVerification(true)
                .withDefaultSender(" No-Reply@Example.com ")
                .withRateLimit(RateLimitKind.SIGNUP_PER_IP, new RateLimit(5, Duration.ofMinutes(10)))
                .withTrustedProxies(Set.of("10.1.2.3/8", "::1"));
        assertThat(changed.defaultSender()).isEqualTo("no-reply@example.com");
        assertThat(changed.trustedProxies()).containsExactlyInAnyOrder("10.0.0.0/8", "0:0:0:0:0:0:0:1");
        assertThat(changed.isTrustedProxy("10.200.0.1")).isTrue();
        assertThat(changed.isTrustedProxy("11.0.0.1")).isFalse();
        assertThat(changed.isTrustedProxy("not-an-ip")).isFalse();
        assertThat(changed.rateLimit(RateLimitKind.SIGNUP_PER_IP).limit()).isEqualTo(5);
        assertThat(changed.changedFields(TenantSettings.DEFAULT))
                .containsExactly("defaultSender", "requireEmailVerification", "rateLimits", "trustedProxies");
        assertThat(changed.withRateLimit(RateLimitKind.SIGNUP_PER_IP, null).rateLimits()).isEmpty();
        assertThat(TenantSettings.DEFAULT.changedFields(TenantSettings.DEFAULT)).isEmpty();
    }

    @Test
    void theMfaPolicyIsOffByDefaultHasLowerCaseWireNamesAndRefusesOthersNamingMfaRequired() {
        assertThat(MfaPolicy.DEFAULT).isEqualTo(MfaPolicy.OFF);
        assertThat(MfaPolicy.ALL.wireName()).isEqualTo("all");
        assertThat(MfaPolicy.fromWireName("off")).isEqualTo(MfaPolicy.OFF);
        assertThatThrownBy(() -> MfaPolicy.fromWireName("ALL")).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("\"off\" or \"all\"")
                .extracting(e -> ((InvalidInput) e).field()).isEqualTo("mfa.required");
        TenantSettings all = TenantSettings.DEFAULT.withMfa(MfaPolicy.ALL);
        assertThat(all.changedFields(TenantSettings.DEFAULT)).containsExactly("mfa");
        assertThat(all.withMfa(null)).as("null is the default").isEqualTo(TenantSettings.DEFAULT);
    }

    @Test
    void rateLimitKindsHaveLowerCamelWireNames() {
        assertThat(RateLimitKind.LOGIN_PER_IP.wireName()).isEqualTo("loginPerIp");
        assertThat(RateLimitKind.FAILED_LOGINS_PER_ACCOUNT.wireName()).isEqualTo("failedLoginsPerAccount");
        assertThat(RateLimitKind.fromWireName("tenantUnauthenticated")).isEqualTo(RateLimitKind.TENANT_UNAUTHENTICATED);
        assertThatThrownBy(() -> RateLimitKind.fromWireName("nope")).isInstanceOf(InvalidInput.class)
                .extracting(e -> ((InvalidInput) e).field()).isEqualTo("rateLimits");
    }

    @Test
    void refusesRateLimitsOutOfRange() {
        assertField(() -> new RateLimit(0, Duration.ofMinutes(1)), "rateLimits.limit");
        assertField(() -> new RateLimit(1, Duration.ZERO), "rateLimits.windowSeconds");
        assertField(() -> new RateLimit(1, Duration.ofDays(2)), "rateLimits.windowSeconds");
        assertField(() -> new RateLimit(1, Duration.ofMillis(1500)), "rateLimits.windowSeconds");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "example.com", "10.0.0.256", "10.0.0.0/33", "::1/129", "1.2.3.4/x", "localhost"})
    void refusesTrustedProxiesThatAreNotIpLiterals(String proxy) {
        assertField(() -> TenantSettings.DEFAULT.withTrustedProxies(Set.of(proxy)), "trustedProxies");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/relative", "javascript:alert(1)", "https://user:pw@example.com/x", "https://example.com/#frag",
            "ftp://example.com/"})
    void refusesRedirectUrlsThatAreNotPlainHttpUrls(String url) {
        assertField(() -> TenantSettings.DEFAULT.withAllowedRedirectUrls(Set.of(url)), "allowedRedirectUrls");
    }

    @Test
    void acceptsRedirectUrlsAndMatchesThemExactly() {
        TenantSettings settings = TenantSettings.DEFAULT.withAllowedRedirectUrls(Set.of("https://app.example.com/reset"));
        assertThat(settings.allowsRedirectUrl("https://app.example.com/reset")).isTrue();
        assertThat(settings.allowsRedirectUrl("https://app.example.com/reset/evil")).isFalse();
    }

    @Test
    void refusesSendersThatAreNotEmailAddresses() {
        assertField(() -> TenantSettings.DEFAULT.withDefaultSender("nobody"), "defaultSender");
        assertField(() -> TenantSettings.DEFAULT.withAllowedSenders(Set.of("a@b.io", "x")), "allowedSenders");
    }

    @Test
    void externalIssuerNeedsExactlyOneKeySourceAndAStrongSecret() {
        assertField(() -> new ExternalIssuer("https://idp", null, null, null, null, null, null), "externalIssuers");
        assertField(() -> new ExternalIssuer("https://idp", SECRET, "https://idp/jwks", null, null, null, null),
                "externalIssuers");
        assertField(() -> new ExternalIssuer("https://idp", "short", null, null, null, null, null),
                "externalIssuers.hs256Secret");
        assertField(() -> new ExternalIssuer(" ", SECRET, null, null, null, null, null), "externalIssuers.issuer");
        assertField(() -> new ExternalIssuer("https://idp", null, "file:///etc/passwd", null, null, null, null),
                "externalIssuers.jwksUrl");
    }

    @Test
    void externalIssuerAlgorithmsMustFitTheKeySource() {
        assertField(() -> new ExternalIssuer("i", SECRET, null, Set.of("RS256"), null, null, null),
                "externalIssuers.algorithms");
        assertField(() -> new ExternalIssuer("i", null, "https://idp/jwks", Set.of("HS256"), null, null, null),
                "externalIssuers.algorithms");
        assertField(() -> new ExternalIssuer("i", null, "https://idp/jwks", Set.of("none"), null, null, null),
                "externalIssuers.algorithms");
        ExternalIssuer hmac = new ExternalIssuer("i", SECRET, null, null, null, null, null);
        assertThat(hmac.algorithms()).containsExactly("HS256");
        assertThat(hmac.userClaim()).isEqualTo("email");
        assertThat(hmac.userLookup()).isEqualTo(ExternalIssuer.UserLookup.EMAIL);
        ExternalIssuer jwks = new ExternalIssuer("j", null, "http://127.0.0.1:8080/jwks", Set.of("es256", "RS256"),
                "aud", "sub", ExternalIssuer.UserLookup.USER_ID);
        assertThat(jwks.algorithms()).containsExactly("ES256", "RS256");
        assertThat(jwks.jwksUrlIsInsecure()).isTrue();
    }

    @Test
    void neverShowsTheSecretInToString() {
        ExternalIssuer issuer = new ExternalIssuer("i", SECRET, null, null, null, null, null);
        TenantSettings settings = TenantSettings.DEFAULT.withExternalIssuers(List.of(issuer));
        assertThat(issuer.toString()).doesNotContain(SECRET);
        assertThat(settings.toString()).doesNotContain(SECRET);
    }

    @Test
    void issuersAreUniqueAndFoundByIss() {
        ExternalIssuer a = new ExternalIssuer("a", SECRET, null, null, null, null, null);
        assertField(() -> TenantSettings.DEFAULT.withExternalIssuers(List.of(a, a)), "externalIssuers.issuer");
        TenantSettings settings = TenantSettings.DEFAULT.withExternalIssuers(List.of(a));
        assertThat(settings.externalIssuer("a")).contains(a);
        assertThat(settings.externalIssuer("b")).isEmpty();
    }

    @Test
    void passwordPolicyMinimumIsEditable() {
        TenantSettings settings = TenantSettings.DEFAULT.withPasswordPolicy(new PasswordPolicy(12, 72));
        assertThat(settings.passwordPolicy().minLength()).isEqualTo(12);
        assertThat(settings.changedFields(TenantSettings.DEFAULT)).containsExactly("passwordPolicy");
        assertThat(new TenantSettings(Set.of(), PasswordPolicy.DEFAULT, null, null, null, false, false, false, Map.of(),
                null, null)).isEqualTo(TenantSettings.DEFAULT);
    }

    private static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOf(InvalidInput.class).extracting(e -> ((InvalidInput) e).field())
                .isEqualTo(field);
    }
}
