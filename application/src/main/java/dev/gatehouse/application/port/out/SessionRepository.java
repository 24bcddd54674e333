package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.session.RevocationReason;
import dev.gatehouse.domain.session.Session;
import dev.gatehouse.domain.session.SessionId;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Sign-in sessions. Every query is scoped by tenant, except the revocation feed, which serves all. */
public interface SessionRepository {

    void insert(Session session);

    Optional<Session> findById(TenantId tenantId, SessionId id);

    /** The user's sessions that are neither revoked nor expired at {@code now}, newest first. */
    List<Session> findActiveByUser(TenantId tenantId, UserId userId, Instant now);

    /** Revokes one session unless it is already revoked; true when this call revoked it. */
    boolean revoke(TenantId tenantId, SessionId id, RevocationReason reason, Instant now);

    /**
     * Revokes every unrevoked session of the user except {@code keep} (when given).
     *
     * @return the sessions this call revoked
     */
    List<Session> revokeAllOfUser(TenantId tenantId, UserId userId, Optional<SessionId> keep,
                                  RevocationReason reason, Instant now);

    /** Records a use (coarse: callers write at most every few minutes per session). */
    void touch(TenantId tenantId, SessionId id, Instant now);

    /**
     * Sessions of any tenant revoked at or after {@code since} that have not expired by {@code now},
     * oldest revocation first: the feed each server process polls to learn of revocations elsewhere.
     */
    List<RevokedSession> findRevokedSince(Instant since, Instant now);

    record RevokedSession(SessionId id, Instant revokedAt, Instant expiresAt) {
    }
}
