package dev.gatehouse.adapters.crypto.oauth;

import dev.gatehouse.adapters.crypto.GuardedResourceRetriever;
import dev.gatehouse.adapters.crypto.outbound.PinnedHttpClient;
import dev.gatehouse.application.oauth.port.out.OAuthProtocol;
import dev.gatehouse.domain.oauth.OAuthProvider;
import dev.gatehouse.domain.oauth.ProviderProfile;
import java.net.URI;

/**
 * Social and OpenID Connect sign-in with Nimbus's OAuth 2.0 / OpenID Connect SDK: {@link OidcSignIn} for
 * {@code oidc} and {@code google} (discovery, ID token, user info), {@link GitHubSignIn} for {@code github} (OAuth 2
 * and the user API). Nimbus builds the requests and reads the answers; every byte goes over {@link PinnedHttpClient}
 * (the JWKS through {@link GuardedResourceRetriever}), so the outbound address guard and address pinning apply to
 * every call. Outside dev mode, providers are called over https only and never on loopback, private or metadata
 * addresses. Failure messages name what went wrong, never a code, token or secret.
 */
public final class OidcOAuthProtocol implements OAuthProtocol {
    private final OidcSignIn oidc;
    private final GitHubSignIn github;

    /** @param allowPrivateNetworks dev mode: plain http and loopback or private addresses allowed */
    public OidcOAuthProtocol(boolean allowPrivateNetworks) {
        GuardedHttp http = new GuardedHttp(allowPrivateNetworks);
        this.oidc = new OidcSignIn(http, new OidcDiscovery(http), new GuardedResourceRetriever(allowPrivateNetworks));
        this.github = new GitHubSignIn(http);
    }

    @Override
    public void check(OAuthProvider provider) {
        if (provider.type().isOpenIdConnect()) {
            oidc.check(provider);
        } else {
            github.check(provider);
        }
    }

    @Override
    public URI authorizeUrl(OAuthProvider provider, URI callback, String state, String nonce, String codeVerifier) {
        return provider.type().isOpenIdConnect() ? oidc.authorizeUrl(provider, callback, state, nonce, codeVerifier)
                : github.authorizeUrl(provider, callback, state, codeVerifier);
    }

    @Override
    public ProviderProfile complete(OAuthProvider provider, URI callback, String code, String codeVerifier,
                                    String nonce) {
        try {
            return provider.type().isOpenIdConnect() ? oidc.complete(provider, callback, code, codeVerifier, nonce)
                    : github.complete(provider, callback, code, codeVerifier);
        } catch (ProviderFailure e) {
            throw e;
        } catch (RuntimeException e) {
            // A library refusing an argument or an answer it could not represent: a failed sign-in, not a 500.
            throw new ProviderFailure("the provider's answer could not be used (" + e.getClass().getSimpleName() + ")");
        }
    }
}
