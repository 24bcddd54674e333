package dev.gatehouse.application.oauth.port.out;

import dev.gatehouse.domain.oauth.OAuthProvider;
import dev.gatehouse.domain.oauth.ProviderProfile;
import java.net.URI;

/**
 * The provider side of a browser sign-in: OpenID Connect (discovery, ID token checked against the issuer's JWKS,
 * user info) or GitHub's OAuth 2 and user API. Every call goes through the outbound address guard (no private,
 * loopback or metadata addresses, pinned to the address checked; loopback and plain http only in dev mode).
 */
public interface OAuthProtocol {

    /**
     * Checks that the provider can be used: for OpenID Connect reads the issuer's discovery document (its
     * {@code issuer} must equal the configured one, and it must name authorization, token and JWKS endpoints).
     *
     * @throws ProviderFailure naming what is wrong, safe to show to the tenant's admin
     */
    void check(OAuthProvider provider);

    /**
     * Where to send the browser: the provider's authorization endpoint with {@code response_type=code}, the client
     * id, {@code redirect_uri=callback}, the provider's scopes, {@code state}, the {@code nonce} (OpenID Connect) and
     * the PKCE challenge (S256) of {@code codeVerifier}.
     */
    URI authorizeUrl(OAuthProvider provider, URI callback, String state, String nonce, String codeVerifier);

    /**
     * Exchanges the provider's code (with the PKCE verifier and the client secret) and reads who signed in. For
     * OpenID Connect the ID token must be signed by a key of the issuer's JWKS with the algorithm the issuer
     * declares, and name the issuer, the client as audience (and as {@code azp} when it names several), the
     * {@code nonce}, and an {@code exp} in the future and {@code iat} not in the future (60 s skew); the address
     * counts as verified only with {@code email_verified: true}. For GitHub: the user API's numeric id is the
     * subject, and the address is the primary one only if GitHub marks it verified.
     *
     * @throws ProviderFailure when the provider refuses, answers wrongly, or its answer fails a check
     */
    ProviderProfile complete(OAuthProvider provider, URI callback, String code, String codeVerifier, String nonce);

    /** A provider that could not be used or whose answer failed a check; the message never holds a secret. */
    final class ProviderFailure extends RuntimeException {
        public ProviderFailure(String message) {
            super(message, null, false, false);
        }

        public ProviderFailure(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }
}
