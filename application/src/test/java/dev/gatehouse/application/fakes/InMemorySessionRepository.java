package dev.gatehouse.application.fakes;

import dev.gatehouse.application.port.out.SessionRepository;
import dev.gatehouse.domain.session.RevocationReason;
import dev.gatehouse.domain.session.Session;
import dev.gatehouse.domain.session.SessionId;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.SecurityStamp;
import dev.gatehouse.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class InMemorySessionRepository implements SessionRepository, InMemoryStore {
    private Map<SessionId, Session> sessions = new LinkedHashMap<>();
    /** Every revocation in the order made: the feed's cursor is a position in it. */
    private List<SessionId> revocationLog = new ArrayList<>();

    @Override
    public synchronized void insert(Session session) {
        if (sessions.putIfAbsent(session.id(), session) != null) {
            throw new IllegalStateException("duplicate session id " + session.id());
        }
        if (session.isRevoked()) {
            revocationLog.add(session.id());
        }
    }

    @Override
    public synchronized boolean restamp(TenantId tenantId, SessionId id, SecurityStamp from, SecurityStamp to) {
        Optional<Session> session = findById(tenantId, id)
                .filter(s -> !s.isRevoked() && s.securityStamp().equals(from));
        session.ifPresent(s -> sessions.put(id, s.withSecurityStamp(to)));
        return session.isPresent();
    }

    @Override
    public synchronized boolean markProved(TenantId tenantId, SessionId id, Instant at) {
        Optional<Session> session = findById(tenantId, id).filter(s -> !s.isRevoked());
        session.ifPresent(s -> sessions.put(id, s.provedAt(at)));
        return session.isPresent();
    }

    @Override
    public synchronized Optional<Session> findById(TenantId tenantId, SessionId id) {
        return Optional.ofNullable(sessions.get(id)).filter(s -> s.tenantId().equals(tenantId));
    }

    @Override
    public synchronized List<Session> findActiveByUser(TenantId tenantId, UserId userId, Instant now) {
        return sessions.values().stream()
                .filter(s -> s.tenantId().equals(tenantId) && s.userId().equals(userId) && s.isActiveAt(now))
                .sorted(Comparator.comparing(Session::createdAt).reversed())
                .toList();
    }

    @Override
    public synchronized boolean revoke(TenantId tenantId, SessionId id, RevocationReason reason, Instant now) {
        Optional<Session> session = findById(tenantId, id).filter(s -> !s.isRevoked());
        session.ifPresent(s -> {
            sessions.put(id, revoked(s, reason, now));
            revocationLog.add(id);
        });
        return session.isPresent();
    }

    @Override
    public synchronized List<Session> revokeAllOfUser(TenantId tenantId, UserId userId, Optional<SessionId> keep,
                                                      RevocationReason reason, Instant now) {
        List<Session> ended = new ArrayList<>();
        for (Session s : List.copyOf(sessions.values())) {
            if (s.tenantId().equals(tenantId) && s.userId().equals(userId) && !s.isRevoked()
                    && keep.map(k -> !k.equals(s.id())).orElse(true)) {
                Session r = revoked(s, reason, now);
                sessions.put(s.id(), r);
                revocationLog.add(s.id());
                ended.add(r);
            }
        }
        return ended;
    }

    @Override
    public synchronized void touch(TenantId tenantId, SessionId id, Instant now) {
        findById(tenantId, id).ifPresent(s -> sessions.put(id, s.usedAt(now)));
    }

    @Override
    public synchronized RevocationBatch readRevocations(FeedCursor after, Instant now) {
        List<SessionId> ids = after.equals(FeedCursor.START) ? revocationLog
                : revocationLog.subList((int) Math.min(after.position(), revocationLog.size()), revocationLog.size());
        List<RevokedSession> found = ids.stream().distinct().map(sessions::get)
                .filter(s -> s != null && s.revokedAt().isPresent() && now.isBefore(s.expiresAt()))
                .map(s -> new RevokedSession(s.id(), s.revokedAt().get(), s.expiresAt()))
                .toList();
        return new RevocationBatch(found, new FeedCursor(revocationLog.size()));
    }

    private static Session revoked(Session s, RevocationReason reason, Instant now) {
        return s.revoked(now, reason);
    }

    @Override
    public synchronized Object snapshot() {
        return List.of(new LinkedHashMap<>(sessions), new ArrayList<>(revocationLog));
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        List<?> state = (List<?>) snapshot;
        sessions = new LinkedHashMap<>((Map<SessionId, Session>) state.get(0));
        revocationLog = new ArrayList<>((List<SessionId>) state.get(1));
    }
}
