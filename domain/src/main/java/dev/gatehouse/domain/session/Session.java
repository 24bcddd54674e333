package dev.gatehouse.domain.session;

import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One sign-in of one user on one client. Access and refresh tokens are bound to it; ending it ends
 * them. It lives until {@code expiresAt} (an absolute limit that refreshing never extends) or until
 * it is revoked.
 */
public record Session(SessionId id, TenantId tenantId, UserId userId, AccountId accountId, ClientInfo client,
                      Instant createdAt, Instant lastUsedAt, Instant expiresAt, Optional<Instant> revokedAt,
                      Optional<RevocationReason> revocationReason) {

    /** How stale {@code lastUsedAt} may get before a use is written down: coarse, not a write per request. */
    public static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(5);

    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenant id");
        Objects.requireNonNull(userId, "user id");
        Objects.requireNonNull(accountId, "account id");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(createdAt, "created at");
        Objects.requireNonNull(lastUsedAt, "last used at");
        Objects.requireNonNull(expiresAt, "expires at");
        Objects.requireNonNull(revokedAt, "revoked at");
        Objects.requireNonNull(revocationReason, "revocation reason");
        if (revokedAt.isPresent() != revocationReason.isPresent()) {
            throw new IllegalArgumentException("a revoked session has both a time and a reason");
        }
    }

    public static Session open(SessionId id, TenantId tenantId, UserId userId, AccountId accountId, ClientInfo client,
                               Instant now, Duration maximumLifetime) {
        return new Session(id, tenantId, userId, accountId, client, now, now, now.plus(maximumLifetime),
                Optional.empty(), Optional.empty());
    }

    public boolean isActiveAt(Instant now) {
        return revokedAt.isEmpty() && now.isBefore(expiresAt);
    }

    public boolean isRevoked() {
        return revokedAt.isPresent();
    }

    /** Whether a use at {@code now} is worth writing down (see {@link #LAST_USED_RESOLUTION}). */
    public boolean lastUseIsStale(Instant now) {
        return Duration.between(lastUsedAt, now).compareTo(LAST_USED_RESOLUTION) >= 0;
    }
}
