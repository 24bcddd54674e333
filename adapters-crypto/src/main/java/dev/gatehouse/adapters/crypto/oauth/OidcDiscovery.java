package dev.gatehouse.adapters.crypto.oauth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderConfigurationRequest;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.gatehouse.application.oauth.port.out.OAuthProtocol.ProviderFailure;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OpenID Connect discovery: reads {@code {issuer}/.well-known/openid-configuration} through {@link GuardedHttp},
 * checks it (the {@code issuer} it names equals the configured one exactly; authorization, token and JWKS endpoints,
 * all usable under the URL rule; the {@code code} response type; S256 among the PKCE methods when it lists any; a
 * client secret authentication Gatehouse speaks) and keeps a checked document per issuer for {@link #TTL}.
 */
final class OidcDiscovery {
    static final Duration TTL = Duration.ofMinutes(10);
    private static final int MAX_ISSUERS = 1000;

    private final GuardedHttp http;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    OidcDiscovery(GuardedHttp http) {
        this.http = http;
    }

    /** What sign-in needs from a discovery document, once checked. */
    record Endpoints(Issuer issuer, URI authorization, URI token, URI jwks, URI userInfo,
                     boolean clientSecretBasic, Set<JWSAlgorithm> idTokenAlgorithms) {
    }

    private record Cached(Endpoints endpoints, long expiresAtNanos) {
    }

    /** The checked endpoints of {@code issuer}, from the cache while fresh. @throws ProviderFailure */
    Endpoints endpoints(String issuer) {
        Cached cached = cache.get(issuer);
        if (cached != null && System.nanoTime() - cached.expiresAtNanos() < 0) {
            return cached.endpoints();
        }
        Endpoints fresh = fetch(issuer);
        if (cache.size() >= MAX_ISSUERS) {
            cache.clear();
        }
        cache.put(issuer, new Cached(fresh, System.nanoTime() + TTL.toNanos()));
        return fresh;
    }

    /** Reads and checks the document now, whatever the cache holds (a provider being saved). */
    Endpoints refresh(String issuer) {
        cache.remove(issuer);
        return endpoints(issuer);
    }

    private Endpoints fetch(String issuer) {
        http.requireUsable("issuer", URI.create(issuer));
        HTTPRequest request;
        try {
            request = new OIDCProviderConfigurationRequest(new Issuer(issuer)).toHTTPRequest();
        } catch (RuntimeException e) {
            throw new ProviderFailure("the issuer is not a usable URL");
        }
        request.setAccept("application/json");
        HTTPResponse response = http.send("discovery document", request);
        if (response.getStatusCode() != 200) {
            throw new ProviderFailure("the discovery document (" + request.getURI() + ") answered HTTP "
                    + response.getStatusCode());
        }
        OIDCProviderMetadata metadata;
        try {
            metadata = OIDCProviderMetadata.parse(response.getBodyAsJSONObject());
        } catch (ParseException e) {
            throw new ProviderFailure("the discovery document is not valid: " + e.getMessage());
        }
        return check(issuer, metadata);
    }

    private Endpoints check(String issuer, OIDCProviderMetadata metadata) {
        if (metadata.getIssuer() == null || !issuer.equals(metadata.getIssuer().getValue())) {
            throw new ProviderFailure("the discovery document names another issuer ("
                    + (metadata.getIssuer() == null ? "none" : metadata.getIssuer().getValue()) + ")");
        }
        URI authorization = http.requireUsable("authorization_endpoint", metadata.getAuthorizationEndpointURI());
        URI token = http.requireUsable("token_endpoint", metadata.getTokenEndpointURI());
        URI jwks = http.requireUsable("jwks_uri", metadata.getJWKSetURI());
        URI userInfo = metadata.getUserInfoEndpointURI() == null ? null
                : http.requireUsable("userinfo_endpoint", metadata.getUserInfoEndpointURI());
        if (metadata.getResponseTypes() == null || !metadata.getResponseTypes().contains(ResponseType.CODE)) {
            throw new ProviderFailure("the issuer does not support the authorization code flow (response type 'code')");
        }
        List<CodeChallengeMethod> pkce = metadata.getCodeChallengeMethods();
        if (pkce != null && !pkce.contains(CodeChallengeMethod.S256)) {
            throw new ProviderFailure("the issuer does not support PKCE with S256");
        }
        List<ClientAuthenticationMethod> methods = metadata.getTokenEndpointAuthMethods();
        boolean basic = methods == null || methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
        if (!basic && !methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST)) {
            throw new ProviderFailure("the issuer supports neither client_secret_basic nor client_secret_post");
        }
        return new Endpoints(metadata.getIssuer(), authorization, token, jwks, userInfo, basic,
                algorithms(metadata.getIDTokenJWSAlgs()));
    }

    /**
     * The signature algorithms an ID token may use: those the issuer declares, public-key ones only (no {@code none};
     * no HMAC, which would make the client secret a signing key); RS256 when it declares none.
     */
    private static Set<JWSAlgorithm> algorithms(List<JWSAlgorithm> declared) {
        if (declared == null || declared.isEmpty()) {
            return Set.of(JWSAlgorithm.RS256);
        }
        Set<JWSAlgorithm> usable = declared.stream()
                .filter(alg -> JWSAlgorithm.Family.SIGNATURE.contains(alg))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        if (usable.isEmpty()) {
            throw new ProviderFailure("the issuer signs ID tokens with no public-key algorithm Gatehouse accepts");
        }
        return usable;
    }
}
