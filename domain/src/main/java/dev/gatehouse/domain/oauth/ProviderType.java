package dev.gatehouse.domain.oauth;

import dev.gatehouse.domain.WireNames;
import dev.gatehouse.domain.error.InvalidInput;
import java.util.List;

/**
 * The kinds of sign-in provider a tenant can configure. {@link #GOOGLE} and {@link #OIDC} speak OpenID Connect (an ID
 * token, read through the issuer's discovery document); {@link #GITHUB} speaks plain OAuth 2 with GitHub's user API.
 */
public enum ProviderType {
    GOOGLE("google", List.of("openid", "email", "profile")),
    GITHUB("github", List.of("read:user", "user:email")),
    OIDC("oidc", List.of("openid", "email", "profile"));

    private final String wireName;
    private final List<String> defaultScopes;

    ProviderType(String wireName, List<String> defaultScopes) {
        this.wireName = wireName;
        this.defaultScopes = defaultScopes;
    }

    public String wireName() {
        return wireName;
    }

    public List<String> defaultScopes() {
        return defaultScopes;
    }

    /** Whether sign-in rests on an OpenID Connect ID token (discovery, JWKS, nonce). */
    public boolean isOpenIdConnect() {
        return this != GITHUB;
    }

    public static ProviderType fromWireName(String name) {
        return WireNames.find(values(), ProviderType::wireName, name).orElseThrow(() ->
                new InvalidInput("type", "must be 'google', 'github' or 'oidc'"));
    }
}
