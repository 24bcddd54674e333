package dev.gatehouse.application.oauth;

import dev.gatehouse.application.oauth.port.in.OAuthCallbackUseCase;
import dev.gatehouse.application.oauth.port.out.OAuthProtocol;
import dev.gatehouse.application.recovery.MailboxProofs;
import dev.gatehouse.application.support.QueryStrings;
import dev.gatehouse.application.support.RateLimiter;
import dev.gatehouse.domain.Digests;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.InvalidOAuthState;
import dev.gatehouse.domain.oauth.OAuthFlow;
import dev.gatehouse.domain.oauth.OAuthGrant;
import dev.gatehouse.domain.oauth.OAuthProvider;
import dev.gatehouse.domain.oauth.ProviderProfile;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.User;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The provider's redirect back: takes the flow its state names (once), requires the browser-binding cookie of the
 * browser that started it, has the provider's answer checked ({@link OAuthProtocol#complete}), decides who signs in
 * ({@link ProviderSignIns}), and leaves the result for the app to pick up: a one-time code (native, 60 s) or a
 * result for the compat poller (2 minutes). The session itself opens at the pick-up, through the session gate.
 */
record CallbackService(OAuthContext context, ProviderSignIns signIns) implements OAuthCallbackUseCase {
    /** What an app receives as {@code code}: prefixed so it is not mistaken for the provider's. */
    static final String CODE_PREFIX = "oac_";
    /** What an app receives as {@code link_code}. */
    static final String LINK_CODE_PREFIX = "oal_";
    private static final Pattern PROVIDER_ERROR = Pattern.compile("[a-z_]{1,64}");
    private static final int MAX_DESCRIPTION = 200;

    @Override
    public Outcome callback(Command command) {
        if (command.state() == null || command.state().isBlank()) {
            throw new InvalidOAuthState("this sign-in has no state: start it again from the app");
        }
        Instant now = context.essentials().clock().now();
        OAuthFlow flow = context.kit().flows().takeFlow(OAuthContext.hash(command.state()))
                .orElseThrow(() -> new InvalidOAuthState("this sign-in is unknown or finished already: start it"
                        + " again from the app"));
        if (flow.isExpired(now)) {
            throw new InvalidOAuthState("this sign-in took longer than 10 minutes: start it again from the app");
        }
        // A link is bound to its user at the confirmation instead (IdentitiesUseCase.confirmLink): its start was an
        // API call, which sets no cookie.
        if (flow.purpose() != OAuthFlow.Purpose.LINK && (command.browser() == null
                || !Digests.constantTimeEquals(OAuthContext.hash(command.browser()), flow.browserHash()))) {
            throw new InvalidOAuthState("this sign-in was started in another browser (or its cookie was blocked):"
                    + " start it again from the app in this browser");
        }
        Tenant tenant = context.tenants().require(flow.tenantId());
        context.essentials().limiter().beforeProviderSignIn(tenant, command.client());
        if (command.error() != null && !command.error().isBlank()) {
            String code = PROVIDER_ERROR.matcher(command.error()).matches() ? command.error() : "provider_error";
            return refuse(tenant, flow, command.client(), code, "the provider answered: "
                    + shortened(command.errorDescription() == null ? code : command.errorDescription()));
        }
        if (command.code() == null || command.code().isBlank()) {
            return refuse(tenant, flow, command.client(), "provider_error", "the provider sent no code");
        }
        Optional<OAuthProvider> provider = context.kit().providers().find(tenant.id(), flow.providerName());
        if (provider.isEmpty()) {
            return refuse(tenant, flow, command.client(), "provider_unavailable", "this provider was removed");
        }
        ProviderProfile profile;
        try {
            profile = context.kit().protocol().complete(provider.get(), context.requireCallback(), command.code(),
                    flow.codeVerifier(), flow.nonce());
        } catch (OAuthProtocol.ProviderFailure e) {
            return refuse(tenant, flow, command.client(), "provider_error", e.getMessage());
        }
        if (flow.purpose() == OAuthFlow.Purpose.LINK) {
            return link(tenant, flow, profile, command.client(), now);
        }
        ProviderSignIns.Decision decision = signIns.decide(tenant, provider.get(), profile, command.client());
        if (decision instanceof ProviderSignIns.Refused refused) {
            return refuse(tenant, flow, command.client(), refused.code(), refused.description());
        }
        ProviderSignIns.SignedIn signedIn = (ProviderSignIns.SignedIn) decision;
        return finish(tenant, flow, signedIn, profile, command.client(), now);
    }

    private Outcome finish(Tenant tenant, OAuthFlow flow, ProviderSignIns.SignedIn signedIn, ProviderProfile profile,
                           ClientInfo client, Instant now) {
        User user = signedIn.user();
        MailboxProofs.Proof proof = signedIn.proof();
        context.proofs().ended(proof);
        if (flow.purpose() == OAuthFlow.Purpose.COMPAT) {
            if (context.sessions().asksSecondStep(tenant, user)) {
                audit(tenant, user, client, flow, now, "mfaRequired");
                return new CompatPage(false, "This account uses two-step verification, which this sign-in cannot"
                        + " ask for. Close this window and sign in with the app's own sign-in.");
            }
            OAuthGrant grant = new OAuthGrant(compatKey(flow.requestId()), tenant.id(), user.id(),
                    OAuthGrant.Kind.COMPAT, flow.providerName(), null, RateLimiter.source(client), profile, now,
                    now.plus(OAuthGrant.COMPAT_LIFETIME));
            store(grant, tenant, user, client, flow, now);
            return new CompatPage(true, "You are signed in. You can close this window.");
        }
        String code = CODE_PREFIX + context.newSecret();
        OAuthGrant grant = new OAuthGrant(OAuthContext.hash(code), tenant.id(), user.id(), OAuthGrant.Kind.EXCHANGE,
                flow.providerName(), flow.appCodeChallenge(), RateLimiter.source(client), profile, now,
                now.plus(OAuthGrant.EXCHANGE_LIFETIME));
        store(grant, tenant, user, client, flow, now);
        return new Redirect(toApp(flow, Map.of("code", code)));
    }

    /**
     * A link's provider answer: a provider account of nobody yet becomes a one-time {@code link_code} for the app to
     * confirm with the user's token; one already linked to that user is {@code linked}; one of another user is refused.
     */
    private Outcome link(Tenant tenant, OAuthFlow flow, ProviderProfile profile, ClientInfo client, Instant now) {
        var known = context.kit().identities().find(tenant.id(), profile.issuer(), profile.subject());
        if (known.isPresent() && !known.get().userId().equals(flow.linkUserId())) {
            return refuse(tenant, flow, client, "identity_in_use", "this provider account is linked to another user");
        }
        if (known.isPresent()) {
            return new Redirect(toApp(flow, Map.of("linked", flow.providerName())));
        }
        String code = LINK_CODE_PREFIX + context.newSecret();
        OAuthGrant grant = new OAuthGrant(OAuthContext.hash(code), tenant.id(), flow.linkUserId(), OAuthGrant.Kind.LINK,
                flow.providerName(), null, RateLimiter.source(client), profile, now, now.plus(OAuthGrant.EXCHANGE_LIFETIME));
        context.essentials().transactions().inTransaction(() -> {
            context.kit().flows().insertGrant(grant);
            return null;
        });
        return new Redirect(toApp(flow, Map.of("link_code", code)));
    }

    private void store(OAuthGrant grant, Tenant tenant, User user, ClientInfo client, OAuthFlow flow, Instant now) {
        context.essentials().transactions().inTransaction(() -> {
            context.kit().flows().insertGrant(grant);
            return null;
        });
        audit(tenant, user, client, flow, now, "signedIn");
    }

    private void audit(Tenant tenant, User user, ClientInfo client, OAuthFlow flow, Instant now, String result) {
        context.essentials().transactions().inTransaction(() -> {
            context.essentials().audit().record(AuditEvent.of(tenant.id(), AuditEventType.OAUTH_SIGN_IN, now, client)
                    .withActor(user.id()).withSubject(user.id()).withDetail("provider", flow.providerName())
                    .withDetail("result", result));
            return null;
        });
    }

    /** The compat poller's key: the tenant-scoped hash of its request id. */
    static String compatKey(String requestId) {
        return OAuthContext.hash("compat:" + requestId);
    }

    private Outcome refuse(Tenant tenant, OAuthFlow flow, ClientInfo client, String code, String description) {
        Instant now = context.essentials().clock().now();
        context.essentials().transactions().inTransaction(() -> {
            context.essentials().audit().record(AuditEvent.of(tenant.id(), AuditEventType.OAUTH_SIGN_IN_REFUSED, now,
                    client).withDetail("provider", flow.providerName()).withDetail("error", code));
            return null;
        });
        if (flow.purpose() == OAuthFlow.Purpose.COMPAT) {
            return new CompatPage(false, "Sign-in failed (" + code + "): " + description);
        }
        return new Redirect(toApp(flow, error(code, description)));
    }

    private static String shortened(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().filter(c -> !Character.isISOControl(c)).limit(MAX_DESCRIPTION).forEach(out::appendCodePoint);
        return out.toString();
    }

    /** Back to the flow's app: its redirect URI with {@code parameters}, then the app's own state if it sent one. */
    static URI toApp(OAuthFlow flow, Map<String, String> parameters) {
        Map<String, String> query = new LinkedHashMap<>(parameters);
        if (flow.appState() != null) {
            query.put("state", flow.appState());
        }
        return URI.create(QueryStrings.withQuery(flow.redirectUri(), query));
    }

    /** An OAuth error for the app: the code, then its description. */
    static Map<String, String> error(String code, String description) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("error", code);
        error.put("error_description", description);
        return error;
    }
}
