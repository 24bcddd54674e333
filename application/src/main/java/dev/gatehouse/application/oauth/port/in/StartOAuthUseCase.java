package dev.gatehouse.application.oauth.port.in;

import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.tenant.TenantId;
import java.net.URI;

/**
 * Starts a browser sign-in at a provider: remembers the flow server-side (single use, 10 minutes) and answers where
 * to send the browser. The flow is bound to the browser by a random value the HTTP adapter sets as an HttpOnly
 * cookie; the callback is refused without it.
 */
public interface StartOAuthUseCase {

    /**
     * The native flow. {@code redirectUri} must equal one of the tenant's {@code allowedRedirectUrls};
     * {@code appState} is at most 512 characters; {@code codeChallenge} (method S256 only) makes the exchange
     * require the matching verifier.
     *
     * @throws dev.gatehouse.domain.error.InvalidInput for an unknown provider, a redirect URI not allowed, or bad
     *                                                state or challenge (nothing is stored)
     */
    Started start(SignInCommand command);

    /** StaticBackend's {@code socialLogin}: the result is polled with {@code requestId}. */
    Started startCompat(CompatCommand command);

    /** {@code browser}: the binding cookie the browser already holds, or null (a new one is made). */
    record SignInCommand(TenantId tenantId, String providerName, String redirectUri, String appState,
                         String codeChallenge, String codeChallengeMethod, String browser, ClientInfo client) {
    }

    record CompatCommand(TenantId tenantId, String providerName, String requestId, String browser, ClientInfo client) {
    }

    /** Where to send the browser, and the browser-binding value to set as the cookie. */
    record Started(URI authorizeUrl, String browser) {
        @Override
        public String toString() {
            return "Started[authorizeUrl=" + authorizeUrl + "]";
        }
    }
}
