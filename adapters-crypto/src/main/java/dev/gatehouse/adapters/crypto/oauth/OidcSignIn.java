package dev.gatehouse.adapters.crypto.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.ClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.gatehouse.adapters.crypto.GuardedResourceRetriever;
import dev.gatehouse.adapters.crypto.JwkSources;
import dev.gatehouse.adapters.crypto.oauth.OidcDiscovery.Endpoints;
import dev.gatehouse.application.oauth.port.out.OAuthProtocol.ProviderFailure;
import dev.gatehouse.domain.oauth.OAuthProvider;
import dev.gatehouse.domain.oauth.ProviderProfile;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The OpenID Connect side ({@code oidc} and {@code google}): the authentication request from the discovery
 * document, the code exchange (client_secret_basic when the issuer allows it, else client_secret_post), the ID token
 * checked by Nimbus's {@link IDTokenValidator} (signature by a key of the issuer's JWKS with an algorithm it declares,
 * issuer, audience, nonce, expiry and issue time with {@link #CLOCK_SKEW}) plus the {@code azp} rule, then the user
 * info endpoint for what the ID token leaves out (its subject must be the ID token's).
 */
final class OidcSignIn {
    static final int CLOCK_SKEW_SECONDS = 60;
    static final Duration CLOCK_SKEW = Duration.ofSeconds(CLOCK_SKEW_SECONDS);
    static final Duration JWKS_TTL = Duration.ofMinutes(10);
    static final Duration JWKS_REFRESH_TIMEOUT = Duration.ofSeconds(8);
    static final Duration JWKS_REFETCH_INTERVAL = Duration.ofSeconds(30);

    private final GuardedHttp http;
    private final OidcDiscovery discovery;
    private final JwkSources jwksSources;

    OidcSignIn(GuardedHttp http, OidcDiscovery discovery, GuardedResourceRetriever retriever) {
        this.http = http;
        this.discovery = discovery;
        this.jwksSources = new JwkSources(retriever, JWKS_TTL, JWKS_REFRESH_TIMEOUT, JWKS_REFETCH_INTERVAL);
    }

    void check(OAuthProvider provider) {
        discovery.refresh(provider.issuer());
    }

    URI authorizeUrl(OAuthProvider provider, URI callback, String state, String nonce, String codeVerifier) {
        Endpoints endpoints = discovery.endpoints(provider.issuer());
        return new AuthenticationRequest.Builder(ResponseType.CODE, new Scope(provider.scopes().toArray(String[]::new)),
                new ClientID(provider.clientId()), callback)
                .endpointURI(endpoints.authorization())
                .state(new State(state))
                .nonce(new Nonce(nonce))
                .codeChallenge(Protocols.verifier(codeVerifier), CodeChallengeMethod.S256)
                .build()
                .toURI();
    }

    ProviderProfile complete(OAuthProvider provider, URI callback, String code, String codeVerifier, String nonce) {
        if (nonce == null || nonce.isEmpty()) {
            throw new ProviderFailure("the sign-in has no nonce");
        }
        Endpoints endpoints = discovery.endpoints(provider.issuer());
        OIDCTokenResponse tokens = exchange(provider, endpoints, callback, code, codeVerifier);
        IDTokenClaimsSet claims = validate(provider, endpoints, tokens.getOIDCTokens().getIDToken(), nonce);
        UserInfo userInfo = needsUserInfo(claims) && endpoints.userInfo() != null
                ? userInfo(endpoints.userInfo(), tokens.getOIDCTokens().getBearerAccessToken(), claims) : null;
        String email = claims.getStringClaim("email");
        boolean verified = Protocols.isTrue(claims.getClaim("email_verified"));
        if (email == null && userInfo != null) {
            email = userInfo.getStringClaim("email");
            verified = Protocols.isTrue(userInfo.getClaim("email_verified"));
        }
        return Protocols.profile(claims.getIssuer().getValue(), claims.getSubject().getValue(), email, verified,
                either(claims, userInfo, "name"), either(claims, userInfo, "given_name"),
                either(claims, userInfo, "family_name"), either(claims, userInfo, "picture"));
    }

    private OIDCTokenResponse exchange(OAuthProvider provider, Endpoints endpoints, URI callback, String code,
                                       String codeVerifier) {
        ClientID client = new ClientID(provider.clientId());
        Secret secret = new Secret(provider.clientSecret());
        ClientAuthentication authentication = endpoints.clientSecretBasic()
                ? new ClientSecretBasic(client, secret) : new ClientSecretPost(client, secret);
        HTTPRequest request = new TokenRequest(endpoints.token(), authentication,
                new AuthorizationCodeGrant(Protocols.code(code), callback, Protocols.verifier(codeVerifier)))
                .toHTTPRequest();
        request.setAccept("application/json");
        HTTPResponse response = http.send("token endpoint", request);
        TokenResponse answer;
        try {
            answer = OIDCTokenResponseParser.parse(response);
        } catch (ParseException e) {
            throw new ProviderFailure("the token endpoint's answer is not a token response (HTTP "
                    + response.getStatusCode() + ")");
        }
        if (!answer.indicatesSuccess()) {
            throw Protocols.refused("the token endpoint", answer.toErrorResponse().getErrorObject(),
                    response.getStatusCode());
        }
        if (!(answer instanceof OIDCTokenResponse oidc) || oidc.getOIDCTokens().getIDToken() == null) {
            throw new ProviderFailure("the token endpoint's answer holds no ID token");
        }
        return oidc;
    }

    private IDTokenClaimsSet validate(OAuthProvider provider, Endpoints endpoints, JWT idToken, String nonce) {
        ClientID client = new ClientID(provider.clientId());
        IDTokenValidator validator = new IDTokenValidator(endpoints.issuer(), client,
                new JWSVerificationKeySelector<>(endpoints.idTokenAlgorithms(), jwksSource(endpoints.jwks())), null);
        validator.setMaxClockSkew(CLOCK_SKEW_SECONDS);
        IDTokenClaimsSet claims;
        try {
            claims = validator.validate(idToken, new Nonce(nonce));
        } catch (BadJOSEException | JOSEException e) {
            throw new ProviderFailure("the ID token was refused: " + Protocols.reason(e));
        }
        List<com.nimbusds.oauth2.sdk.id.Audience> audience = claims.getAudience();
        String azp = claims.getStringClaim("azp");
        if ((azp != null || audience.size() > 1) && !provider.clientId().equals(azp)) {
            throw new ProviderFailure("the ID token was refused: its authorized party (azp) is not this client");
        }
        return claims;
    }

    private UserInfo userInfo(URI endpoint, BearerAccessToken accessToken, IDTokenClaimsSet claims) {
        if (accessToken == null) {
            throw new ProviderFailure("the token endpoint's answer holds no bearer access token for user info");
        }
        HTTPRequest request = new UserInfoRequest(endpoint, accessToken).toHTTPRequest();
        request.setAccept("application/json");
        HTTPResponse response = http.send("userinfo endpoint", request);
        UserInfoResponse answer;
        try {
            answer = UserInfoResponse.parse(response);
        } catch (ParseException e) {
            throw new ProviderFailure("the userinfo endpoint's answer is not readable (HTTP "
                    + response.getStatusCode() + ")");
        }
        if (!answer.indicatesSuccess()) {
            throw Protocols.refused("the userinfo endpoint", answer.toErrorResponse().getErrorObject(),
                    response.getStatusCode());
        }
        UserInfo info = answer.toSuccessResponse().getUserInfo();
        if (info == null) {
            return null; // a signed or encrypted user info JWT: not read, the ID token stands alone
        }
        if (info.getSubject() == null || !info.getSubject().equals(claims.getSubject())) {
            throw new ProviderFailure("the userinfo endpoint answered for another subject");
        }
        return info;
    }

    private static boolean needsUserInfo(IDTokenClaimsSet claims) {
        return claims.getStringClaim("email") == null || claims.getStringClaim("name") == null;
    }

    private static String either(ClaimsSet first, ClaimsSet second, String claim) {
        String value = first.getStringClaim(claim);
        return value != null || second == null ? value : second.getStringClaim(claim);
    }

    /** Cached for {@link #JWKS_TTL}; a key id it does not know refetches, at most once per refetch interval. */
    private JWKSource<SecurityContext> jwksSource(URI uri) {
        try {
            return jwksSources.of(uri);
        } catch (IllegalArgumentException e) {
            throw new ProviderFailure("the jwks_uri is not a usable URL");
        }
    }
}
