package dev.gatehouse.domain.session;

import dev.gatehouse.domain.Required;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.SecurityStamp;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One sign-in of one user on one client. Access and refresh tokens are bound to it; ending it ends
 * them. It lives until {@code expiresAt} (an absolute limit that refreshing never extends) or until
 * it is revoked. {@code securityStamp} is the user's stamp that its sign-in read: a refresh needs it to still be
 * the user's (see {@link SecurityStamp}). {@code provedAt} is the last time the session's user proved who they are
 * (a password, a second factor, a magic link or a provider sign-in): what a step-up re-authentication asks about.
 */
public record Session(SessionId id, TenantId tenantId, UserId userId, AccountId accountId, ClientInfo client,
                      Instant createdAt, Instant lastUsedAt, Instant expiresAt, Optional<Instant> revokedAt,
                      Optional<RevocationReason> revocationReason, SecurityStamp securityStamp, Instant provedAt) {

    /** How stale {@code lastUsedAt} may get before a use is written down: coarse, not a write per request. */
    public static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(5);

    public Session {
        Required.nonNull("id", id, "tenant id", tenantId, "user id", userId, "account id", accountId,
                "client", client, "created at", createdAt, "last used at", lastUsedAt, "expires at", expiresAt,
                "revoked at", revokedAt, "revocation reason", revocationReason, "security stamp", securityStamp,
                "proved at", provedAt);
        if (revokedAt.isPresent() != revocationReason.isPresent()) {
            throw new IllegalArgumentException("a revoked session has both a time and a reason");
        }
    }

    /** A new session of {@code user}, bound to the stamp the sign-in read, proved {@code now}. */
    public static Session open(SessionId id, User user, ClientInfo client, Instant now, Duration maximumLifetime) {
        return new Session(id, user.tenantId(), user.id(), user.accountId(), client, now, now,
                now.plus(maximumLifetime), Optional.empty(), Optional.empty(), user.securityStamp(), now);
    }

    /** The same session, revoked. */
    public Session revoked(Instant at, RevocationReason reason) {
        return new Session(id, tenantId, userId, accountId, client, createdAt, lastUsedAt, expiresAt, Optional.of(at),
                Optional.of(reason), securityStamp, provedAt);
    }

    /** The same session, last used at {@code at}. */
    public Session usedAt(Instant at) {
        return new Session(id, tenantId, userId, accountId, client, createdAt, at, expiresAt, revokedAt,
                revocationReason, securityStamp, provedAt);
    }

    /** The same session, bound to another stamp of its user (the session kept by a password change). */
    public Session withSecurityStamp(SecurityStamp stamp) {
        return new Session(id, tenantId, userId, accountId, client, createdAt, lastUsedAt, expiresAt, revokedAt,
                revocationReason, stamp, provedAt);
    }

    /** The same session, its user having proved who they are at {@code at}. */
    public Session provedAt(Instant at) {
        return new Session(id, tenantId, userId, accountId, client, createdAt, lastUsedAt, expiresAt, revokedAt,
                revocationReason, securityStamp, at);
    }

    /** Whether the user proved who they are no longer than {@code window} before {@code now} (the bound included). */
    public boolean provedWithin(Duration window, Instant now) {
        return !provedAt.plus(window).isBefore(now);
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
