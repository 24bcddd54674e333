package dev.gatehouse.application.sessions;

import dev.gatehouse.application.sessions.port.in.RevocationFeedUseCase;
import dev.gatehouse.application.port.out.Clock;
import dev.gatehouse.application.port.out.SessionRepository;
import dev.gatehouse.application.port.out.SessionRepository.RevokedSession;
import dev.gatehouse.domain.session.Session;
import dev.gatehouse.domain.session.SessionId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * This process's set of revoked, not yet expired sessions: what lets a token-only request be refused
 * without a database round trip. Revocations made here enter at once; those made by other processes
 * arrive through {@link #poll()} (see docs/adr/0008-session-revocation.md). Expired sessions leave the
 * set, since their tokens are refused by expiry anyway. While the feed cannot be read (this process is cut off
 * from the database), the set may miss sessions ended elsewhere: {@link #staleFor} says for how long (ADR 0031).
 */
public final class SessionRevocations implements RevocationFeedUseCase {
    private final SessionRepository sessions;
    private final Clock clock;
    private final Map<SessionId, Instant> revoked = new ConcurrentHashMap<>();
    private final List<Consumer<SessionId>> listeners = new CopyOnWriteArrayList<>();
    private SessionRepository.FeedCursor cursor = SessionRepository.FeedCursor.START;
    /** When the last successful read of the feed began: the set holds every revocation committed before it. */
    private volatile Instant completeAsOf;

    SessionRevocations(SessionRepository sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
        this.completeAsOf = clock.now(); // the server reads the feed once before it accepts requests
    }

    /** When the last successful read of the feed began (the construction time before the first). */
    public Instant completeAsOf() {
        return completeAsOf;
    }

    /**
     * Whether revocations made by other processes may have been missing from this set for longer than
     * {@code bound}: the feed has not been read successfully since {@code bound} ago. Revocations made here are never
     * missing.
     */
    public boolean staleFor(Duration bound) {
        return clock.now().isAfter(completeAsOf.plus(bound));
    }

    public boolean isRevoked(SessionId id) {
        return revoked.containsKey(id);
    }

    public void revokedHere(Session session) {
        revoked.put(session.id(), session.expiresAt());
        listeners.forEach(listener -> listener.accept(session.id()));
    }

    /** Tells {@code listener} of each session that enters the set (here or through the feed): caches drop it. */
    public void onRevoked(Consumer<SessionId> listener) {
        listeners.add(listener);
    }

    @Override
    public synchronized int poll() {
        Instant now = clock.now();
        SessionRepository.RevocationBatch batch = sessions.readRevocations(cursor, now);
        int added = 0;
        for (RevokedSession session : batch.sessions()) {
            if (revoked.put(session.id(), session.expiresAt()) == null) {
                added++;
                listeners.forEach(listener -> listener.accept(session.id()));
            }
        }
        cursor = batch.next();
        completeAsOf = now;
        revoked.values().removeIf(expiresAt -> !now.isBefore(expiresAt));
        return added;
    }
}
