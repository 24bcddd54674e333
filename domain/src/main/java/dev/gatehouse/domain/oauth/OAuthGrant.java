package dev.gatehouse.domain.oauth;

import dev.gatehouse.domain.Required;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;

/**
 * A finished provider sign-in waiting for the app to pick it up: for the native flow the one-time code handed
 * to the app's redirect URI (only its hash is kept in {@code key}, good for {@link #EXCHANGE_LIFETIME}); for a link
 * the one-time code the app confirms with the signed-in user's token (also {@link #EXCHANGE_LIFETIME}); for the
 * compat flow the result a poller with the same request id and client {@code source} fetches once (the key is the
 * tenant-scoped request id, good for {@link #COMPAT_LIFETIME}). Either way reading it deletes it. {@code profile}
 * carries who the provider said signed in (and what the compat answer shows); {@code providerName} the tenant's name
 * for the provider; {@code appCodeChallenge} the app's PKCE challenge (S256).
 */
public record OAuthGrant(String key, TenantId tenantId, UserId userId, Kind kind, String providerName,
                         String appCodeChallenge, String source, ProviderProfile profile, Instant createdAt,
                         Instant expiresAt) {
    public static final Duration EXCHANGE_LIFETIME = Duration.ofSeconds(60);
    public static final Duration COMPAT_LIFETIME = Duration.ofMinutes(2);

    public enum Kind {
        EXCHANGE,
        COMPAT,
        /** A provider account to link to {@link #userId}, once the app confirms it with that user's token. */
        LINK
    }

    public OAuthGrant {
        Required.nonNull("key", key, "tenant id", tenantId, "user id", userId, "kind", kind,
                "provider name", providerName, "source", source, "profile", profile, "created at", createdAt,
                "expires at", expiresAt);
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
