package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.session.RevocationReason;
import dev.gatehouse.domain.session.Session;
import dev.gatehouse.domain.session.SessionId;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.SecurityStamp;
import dev.gatehouse.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Sign-in sessions. Every query is scoped by tenant, except the revocation feed, which serves all. */
public interface SessionRepository {

    /**
     * Stores a new session with the stamp it carries. Call it only after {@link UserRepository#lockUnchanged} for
     * that stamp returned true in the same unit of work (SessionIssuer does): that is what makes the insert
     * conditional on the user being unchanged since the sign-in read them.
     */
    void insert(Session session);

    /**
     * Binds a session to its user's new stamp, only while it is bound to {@code from} and not revoked: the session
     * a password change keeps. False otherwise.
     */
    boolean restamp(TenantId tenantId, SessionId id, SecurityStamp from, SecurityStamp to);

    /**
     * Records that the session's user proved who they are at {@code at} (a password, a second factor, a magic link
     * or a provider sign-in: what a step-up re-authentication asks for), if the session is the tenant's and not
     * revoked; true when this call changed it.
     */
    boolean markProved(TenantId tenantId, SessionId id, Instant at);

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
     * The revocation feed each server process reads to learn of revocations made by the others: the unexpired (at
     * {@code now}) revoked sessions of any tenant not yet covered by {@code after} ({@link FeedCursor#START}: all of
     * them), in no particular order, and the cursor to pass next time. A revocation that commits after this read
     * is returned by a later read from the returned cursor however long its transaction stayed open and whatever
     * its {@code revokedAt}; a revocation already returned may come again.
     */
    RevocationBatch readRevocations(FeedCursor after, Instant now);

    /** Where a reader of the feed stands; its meaning is the adapter's (a time, a transaction id). */
    record FeedCursor(long position) {
        public static final FeedCursor START = new FeedCursor(Long.MIN_VALUE);
    }

    record RevocationBatch(List<RevokedSession> sessions, FeedCursor next) {
        public RevocationBatch {
            sessions = List.copyOf(sessions);
        }
    }

    record RevokedSession(SessionId id, Instant revokedAt, Instant expiresAt) {
    }
}
