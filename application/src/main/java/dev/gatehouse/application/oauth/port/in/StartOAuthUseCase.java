package dev.gatehouse.application.oauth.port.in;

import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;
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

    /**
     * Links a provider account to the signed-in caller (step-up required). The provider's redirect back ends at
     * {@code redirectUri} with a one-time {@code link_code} (60 s), which links nothing until the app confirms it with
     * the same user's access token ({@link IdentitiesUseCase#confirmLink}): a link started by someone else and
     * finished in a victim's browser is refused there. {@link Started#browser()} is null (no cookie is set).
     *
     * @throws dev.gatehouse.domain.error.ReauthenticationRequired outside the step-up window
     */
    Started startLink(LinkCommand command);

    /** {@code browser}: the binding cookie the browser already holds, or null (a new one is made). */
    record SignInCommand(TenantId tenantId, String providerName, String redirectUri, String appState,
                         String codeChallenge, String codeChallengeMethod, String browser, ClientInfo client) {
    }

    record CompatCommand(TenantId tenantId, String providerName, String requestId, String browser, ClientInfo client) {
    }

    record LinkCommand(Principal principal, String providerName, String redirectUri, ClientInfo client) {
    }

    /** Where to send the browser, and the browser-binding value to set as the cookie. */
    record Started(URI authorizeUrl, String browser) {
        @Override
        public String toString() {
            return "Started[authorizeUrl=" + authorizeUrl + "]";
        }
    }
}
