package dev.gatehouse.application.oauth;

import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.error.NotPermitted;
import dev.gatehouse.application.oauth.port.in.StartOAuthUseCase;
import dev.gatehouse.application.oauth.port.out.OAuthProtocol;
import dev.gatehouse.application.support.RateLimiter;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.oauth.OAuthFlow;
import dev.gatehouse.domain.oauth.OAuthProvider;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.tenant.Tenant;
import java.net.URI;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Starts browser sign-ins. Everything the app sent is checked before anything is stored: the provider exists, the
 * redirect URI equals one of the tenant's {@code allowedRedirectUrls} exactly (no prefix, host or path tricks), the
 * app's state and PKCE challenge are well formed. The server then makes its own {@code state}, {@code nonce} and PKCE
 * verifier for the provider (256 bits each) and keeps the flow, with the hash of the browser-binding value, for ten
 * minutes.
 */
record StartService(OAuthContext context) implements StartOAuthUseCase {
    static final int MAX_APP_STATE = 512;
    static final int MAX_REQUEST_ID = 128;
    /** A base64url SHA-256: what an S256 challenge is. */
    private static final Pattern S256_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
    /** What this server hands out as a browser binding (base64url of 32 bytes). */
    private static final Pattern BINDING = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._~-]{1," + MAX_REQUEST_ID + "}");

    @Override
    public Started start(SignInCommand command) {
        Tenant tenant = context.tenants().require(command.tenantId());
        String redirectUri = requireRedirect(tenant, command.redirectUri(), "redirect_uri");
        String appState = command.appState();
        if (appState != null && (appState.length() > MAX_APP_STATE || appState.chars().anyMatch(Character::isISOControl))) {
            throw new InvalidInput("state", "must be at most " + MAX_APP_STATE + " characters without control characters");
        }
        String challenge = command.codeChallenge();
        if (challenge != null && !challenge.isEmpty()) {
            if (command.codeChallengeMethod() == null || !command.codeChallengeMethod().equals("S256")) {
                throw new InvalidInput("code_challenge_method", "must be S256 (plain is not accepted)");
            }
            if (!S256_CHALLENGE.matcher(challenge).matches()) {
                throw new InvalidInput("code_challenge", "must be the base64url SHA-256 of the verifier (43 characters)");
            }
        } else {
            challenge = null;
        }
        String chosenChallenge = challenge;
        return begin(tenant, command.providerName(), command.browser(), command.client(), (state, nonce, verifier,
                browserHash, source, now) -> new OAuthFlow(state, tenant.id(), command.providerName(),
                OAuthFlow.Purpose.SIGN_IN, nonce, verifier, browserHash, redirectUri, appState, chosenChallenge, null,
                null, source, now, now.plus(OAuthFlow.LIFETIME)));
    }

    @Override
    public Started startCompat(CompatCommand command) {
        Tenant tenant = context.tenants().require(command.tenantId());
        String requestId = command.requestId();
        if (requestId == null || !REQUEST_ID.matcher(requestId).matches()) {
            throw new InvalidInput("reqid", "must be 1 to " + MAX_REQUEST_ID + " letters, digits or '.', '_', '~', '-'");
        }
        return begin(tenant, command.providerName(), command.browser(), command.client(), (state, nonce, verifier,
                browserHash, source, now) -> new OAuthFlow(state, tenant.id(), command.providerName(),
                OAuthFlow.Purpose.COMPAT, nonce, verifier, browserHash, null, null, null, null, requestId, source, now,
                now.plus(OAuthFlow.LIFETIME)));
    }

    @Override
    public Started startLink(LinkCommand command) {
        Principal principal = command.principal();
        context.stepUp().require(principal);
        Tenant tenant = context.tenants().require(principal.tenantId());
        requireProvenMailbox(tenant, principal);
        String redirectUri = requireRedirect(tenant, command.redirectUri(), "redirectUri");
        Started started = begin(tenant, command.providerName(), null, command.client(), (state, nonce, verifier,
                browserHash, source, now) -> new OAuthFlow(state, tenant.id(), command.providerName(),
                OAuthFlow.Purpose.LINK, nonce, verifier, browserHash, redirectUri, null, null, principal.userId(), null,
                source, now, now.plus(OAuthFlow.LIFETIME)));
        return new Started(started.authorizeUrl(), null);
    }

    /**
     * Until the first proof of the mailbox the address may belong to someone else than who registered it (ADR 0014):
     * a provider account linked before it would let the registrant back in after the owner's proof removed their
     * password and sessions. So an unverified user links nothing.
     */
    static void requireProvenMailbox(Tenant tenant, Principal principal, UserRepository users) {
        boolean verified = users.findById(tenant.id(), principal.userId()).map(User::emailVerified).orElse(false);
        if (!verified) {
            throw new NotPermitted("verify your email address before linking a provider account");
        }
    }

    private void requireProvenMailbox(Tenant tenant, Principal principal) {
        requireProvenMailbox(tenant, principal, context.users());
    }

    /** The app's redirect URI: exactly one of the tenant's allowed redirect URLs, no prefix, host or path tricks. */
    private static String requireRedirect(Tenant tenant, String requested, String field) {
        String redirectUri = requested == null ? "" : requested;
        if (redirectUri.isEmpty() || !tenant.settings().allowsRedirectUrl(redirectUri)
                || !redirectUri.equals(redirectUri.strip())) {
            throw new InvalidInput(field, "must be exactly one of the tenant's allowed redirect URLs"
                    + " (settings: allowedRedirectUrls)");
        }
        return redirectUri;
    }

    private Started begin(Tenant tenant, String providerName, String browser, ClientInfo client, FlowMaker maker) {
        URI callback = context.requireCallback();
        String name = providerName == null ? "" : providerName;
        OAuthProvider provider = context.kit().providers().find(tenant.id(), nameOrRefuse(name))
                .orElseThrow(() -> unknownProvider(name));
        context.essentials().limiter().beforeProviderSignIn(tenant, client);
        String binding = browser != null && BINDING.matcher(browser).matches() ? browser : context.newSecret();
        String state = context.newSecret();
        String nonce = context.newSecret();
        String verifier = context.newSecret();
        Instant now = context.essentials().clock().now();
        OAuthFlow flow = maker.make(OAuthContext.hash(state), nonce, verifier, OAuthContext.hash(binding),
                RateLimiter.source(client), now);
        URI authorize;
        try {
            authorize = context.kit().protocol().authorizeUrl(provider, callback, state, nonce, verifier);
        } catch (OAuthProtocol.ProviderFailure unavailable) {
            // The provider's discovery document cannot be read now: the app hears it as it hears a refusal.
            if (flow.redirectUri() == null) {
                throw new InvalidInput("provider", "the provider cannot be reached now: " + unavailable.getMessage());
            }
            return new Started(CallbackService.toApp(flow, CallbackService.error("provider_unavailable",
                    "the provider cannot be reached now: " + unavailable.getMessage())), binding);
        }
        context.essentials().transactions().inTransaction(() -> {
            context.kit().flows().insertFlow(flow);
            return null;
        });
        return new Started(authorize, binding);
    }

    private static String nameOrRefuse(String name) {
        try {
            return OAuthProvider.requireName(name);
        } catch (InvalidInput e) {
            throw unknownProvider(name);
        }
    }

    private static InvalidInput unknownProvider(String name) {
        return new InvalidInput("provider", "no sign-in provider of this tenant is named '"
                + dev.gatehouse.domain.WireNames.quoted(name) + "'");
    }

    @FunctionalInterface
    private interface FlowMaker {
        OAuthFlow make(String stateHash, String nonce, String verifier, String browserHash, String source, Instant now);
    }
}
