package dev.gatehouse.domain.oauth;

import dev.gatehouse.domain.Required;
import dev.gatehouse.domain.Texts;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.tenant.TenantId;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A sign-in provider a tenant configured under {@link #name} (docs/social-login.md). The name is only the tenant's
 * label: identities are keyed by the provider's {@link #issuer()} and subject, so re-pointing a name at another
 * issuer never hands the old issuer's users to the new one.
 *
 * <p>{@code issuer}: for {@link ProviderType#OIDC} the issuer whose discovery document describes the endpoints
 * (required); for {@link ProviderType#GOOGLE} always {@link #GOOGLE_ISSUER}; for {@link ProviderType#GITHUB} empty
 * for github.com, or the base URL of a GitHub Enterprise Server. The client secret is key material:
 * {@link #toString()} never shows it and storage seals it with the master key.
 */
public record OAuthProvider(TenantId tenantId, String name, ProviderType type, String clientId, String clientSecret,
                            String issuer, List<String> scopes, boolean linkByVerifiedEmail, Instant updatedAt) {
    public static final String GOOGLE_ISSUER = "https://accounts.google.com";
    public static final String GITHUB_ISSUER = "https://github.com";
    public static final int MAX_PROVIDERS = 20;
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,32}");
    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,100}");
    private static final int MAX_SCOPES = 20;

    public OAuthProvider {
        Required.nonNull("tenant id", tenantId, "type", type, "updated at", updatedAt);
        name = requireName(name);
        clientId = Texts.stripped("clientId", clientId, 1, 500);
        clientSecret = Texts.stripped("clientSecret", clientSecret, 1, 2000);
        issuer = switch (type) {
            case GOOGLE -> GOOGLE_ISSUER;
            case OIDC -> requireUrl("issuer", issuer);
            case GITHUB -> issuer == null || issuer.isBlank() ? null : withoutTrailingSlash(requireUrl("issuer", issuer));
        };
        scopes = requireScopes(type, scopes);
    }

    /** A provider name as the routes and settings use it: lower-case letters, digits and '-', at most 32. */
    public static String requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInput("name", "must be 1 to 32 lower-case letters, digits or '-'");
        }
        return name;
    }

    /** The issuer identities of this provider are keyed by (GitHub's base URL for {@link ProviderType#GITHUB}). */
    public String identityIssuer() {
        return type == ProviderType.GITHUB && issuer == null ? GITHUB_ISSUER : issuer;
    }

    /** Whether the server would call this provider over plain http (allowed in dev mode only). */
    public boolean isInsecure() {
        return issuer != null && issuer.regionMatches(true, 0, "http:", 0, 5);
    }

    /** The same provider with another secret (a PUT that leaves the secret out keeps the stored one). */
    public OAuthProvider withClientSecret(String secret) {
        return new OAuthProvider(tenantId, name, type, clientId, secret, issuer, scopes, linkByVerifiedEmail, updatedAt);
    }

    @Override
    public String toString() {
        return "OAuthProvider[tenantId=" + tenantId + ", name=" + name + ", type=" + type.wireName() + ", clientId="
                + clientId + ", clientSecret=***, issuer=" + issuer + ", scopes=" + scopes + ", linkByVerifiedEmail="
                + linkByVerifiedEmail + "]";
    }

    private static String requireUrl(String field, String raw) {
        String url = Texts.stripped(field, raw, 1, 500);
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null
                    && uri.getRawUserInfo() == null && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                return url; // kept as written: an issuer is compared exactly, and some end in '/'
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw new InvalidInput(field, "must be an absolute https URL without user info, query or fragment");
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static List<String> requireScopes(ProviderType type, List<String> scopes) {
        if (scopes == null || scopes.isEmpty()) {
            return type.defaultScopes();
        }
        if (scopes.size() > MAX_SCOPES) {
            throw new InvalidInput("scopes", "must hold at most " + MAX_SCOPES + " scopes");
        }
        List<String> checked = new ArrayList<>();
        for (String scope : scopes) {
            if (scope == null || !SCOPE.matcher(scope).matches()) {
                throw new InvalidInput("scopes", "each scope is 1 to 100 printable characters without spaces,"
                        + " quotes or backslashes");
            }
            if (!checked.contains(scope)) {
                checked.add(scope);
            }
        }
        if (type.isOpenIdConnect() && !checked.contains("openid")) {
            throw new InvalidInput("scopes", "an OpenID Connect provider needs the 'openid' scope");
        }
        return List.copyOf(checked);
    }
}
