package dev.gatehouse.domain.oauth;

import dev.gatehouse.domain.Required;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;

/**
 * A browser sign-in (or link) started at a provider and not finished yet: what the server must remember between
 * sending the browser to the provider and its coming back. Only hashes of the {@code state} sent to the provider
 * and of the browser-binding cookie are kept; {@code nonce} and {@code codeVerifier} are kept as they are (the
 * server itself needs them at the callback, and they are worthless without the provider's one-time code). Single
 * use: the callback takes it (reading deletes it); good for {@link #LIFETIME}.
 *
 * <p>{@code redirectUri}, {@code appState} and {@code appCodeChallenge} are the app's (null for the compat flow);
 * {@code linkUserId} is the signed-in user an identity is being linked to ({@link Purpose#LINK}); {@code requestId}
 * is the compat client's {@code reqid} and {@code source} the client source that started it.
 */
public record OAuthFlow(String stateHash, TenantId tenantId, String providerName, Purpose purpose, String nonce,
                        String codeVerifier, String browserHash, String redirectUri, String appState,
                        String appCodeChallenge, UserId linkUserId, String requestId, String source,
                        Instant createdAt, Instant expiresAt) {
    public static final Duration LIFETIME = Duration.ofMinutes(10);

    /** Why the browser went to the provider. */
    public enum Purpose {
        /** A native sign-in: back to the app's redirect URI with a one-time code. */
        SIGN_IN,
        /** Linking a provider account to the signed-in user {@link #linkUserId}. */
        LINK,
        /** StaticBackend's {@code socialLogin}: the result is polled with the request id. */
        COMPAT
    }

    public OAuthFlow {
        Required.nonNull("state hash", stateHash, "tenant id", tenantId, "provider name", providerName,
                "purpose", purpose, "nonce", nonce, "code verifier", codeVerifier, "browser hash", browserHash,
                "source", source, "created at", createdAt, "expires at", expiresAt);
        if (purpose == Purpose.LINK && linkUserId == null) {
            throw new IllegalArgumentException("a link flow names the user it links to");
        }
        if (purpose == Purpose.COMPAT ? requestId == null : redirectUri == null) {
            throw new IllegalArgumentException("a compat flow has a request id, any other a redirect URI");
        }
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
