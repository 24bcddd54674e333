package dev.gatehouse.application.oauth;

import dev.gatehouse.application.oauth.port.in.OAuthExchangeUseCase;
import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.port.in.SignInOutcome;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.application.sessions.SessionIssuer;
import dev.gatehouse.application.support.RateLimiter;
import dev.gatehouse.domain.Digests;
import dev.gatehouse.domain.error.InvalidCode;
import dev.gatehouse.domain.oauth.OAuthGrant;
import dev.gatehouse.domain.oauth.ProviderProfile;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.User;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Picks up finished provider sign-ins. The session opens here, through the session gate: a user with a second
 * factor (or under {@code mfa.required: all}) gets the second step, as after a password. Codes and compat results
 * are single use; a code is spent even when its verifier is wrong (an attacker who stole it gets one try).
 */
record ExchangeService(OAuthContext context) implements OAuthExchangeUseCase {
    @Override
    public SignInOutcome exchange(ExchangeCommand command) {
        Tenant tenant = context.tenants().require(command.tenantId());
        context.essentials().limiter().beforeProviderSignIn(tenant, command.client());
        String code = command.code();
        if (code == null || !code.startsWith(CallbackService.CODE_PREFIX) || code.length() > 100) {
            throw new InvalidCode();
        }
        Instant now = context.essentials().clock().now();
        OAuthGrant grant = context.kit().flows().takeGrant(tenant.id(), OAuthGrant.Kind.EXCHANGE, OAuthContext.hash(code))
                .filter(found -> !found.isExpired(now)).orElseThrow(InvalidCode::new);
        if (grant.appCodeChallenge() != null && (command.codeVerifier() == null
                || !Digests.constantTimeEquals(s256(command.codeVerifier()), grant.appCodeChallenge()))) {
            throw new InvalidCode();
        }
        User user = context.users().findById(tenant.id(), grant.userId()).filter(User::maySignIn)
                .orElseThrow(InvalidCode::new);
        SessionIssuer.Pending pending = context.sessions().prepareSignIn(tenant, user, command.client());
        persist(pending);
        return context.sessions().complete(user, pending, TokenProfile.NATIVE);
    }

    @Override
    public Optional<CompatResult> poll(PollCommand command) {
        Tenant tenant = context.tenants().require(command.tenantId());
        if (command.requestId() == null || command.requestId().length() > StartService.MAX_REQUEST_ID) {
            return Optional.empty();
        }
        String key = CallbackService.compatKey(command.requestId());
        var flows = context.kit().flows();
        Instant now = context.essentials().clock().now();
        // Only the source that finished the flow may spend the result: a poller elsewhere that learned the request
        // id sees "not yet", and the owner still gets it.
        boolean mine = flows.findGrant(tenant.id(), OAuthGrant.Kind.COMPAT, key)
                .filter(found -> !found.isExpired(now))
                .filter(found -> found.source().equals(RateLimiter.source(command.client()))).isPresent();
        if (!mine) {
            return Optional.empty();
        }
        Optional<OAuthGrant> taken = flows.takeGrant(tenant.id(), OAuthGrant.Kind.COMPAT, key);
        Optional<User> user = taken.flatMap(grant -> context.users().findById(tenant.id(), grant.userId()))
                .filter(User::maySignIn);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        SessionIssuer.Pending pending = context.sessions().prepareSignIn(tenant, user.get(), command.client());
        if (pending.needsSecondStep()) {
            return Optional.empty(); // a second factor was turned on since the callback: no compat token
        }
        persist(pending);
        Authenticated signedIn = context.sessions().completeSession(user.get(), pending, TokenProfile.COMPAT);
        ProviderProfile profile = taken.get().profile();
        return Optional.of(new CompatResult(signedIn, user.get().email().value(), profile.name(),
                profile.givenName(), profile.familyName(), profile.pictureUrl()));
    }

    private void persist(SessionIssuer.Pending pending) {
        boolean stored = context.essentials().transactions().inTransaction(() -> context.sessions().persist(pending));
        if (!stored) {
            throw new InvalidCode(); // the user changed (disabled, signed out everywhere) since the provider's answer
        }
    }

    /** The S256 PKCE challenge of a verifier: base64url(SHA-256(ASCII(verifier))), no padding. */
    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
