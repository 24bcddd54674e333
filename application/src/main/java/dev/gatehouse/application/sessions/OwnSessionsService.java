package dev.gatehouse.application.sessions;

import dev.gatehouse.application.sessions.port.in.ManageOwnSessionsUseCase;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.Clock;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.application.port.out.SessionRepository;
import dev.gatehouse.domain.error.SessionNotFound;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.session.RevocationReason;
import dev.gatehouse.domain.session.Session;
import dev.gatehouse.domain.session.SessionId;
import java.time.Instant;
import java.util.List;

record OwnSessionsService(SessionRepository sessions, SessionRevocations revocations, Clock clock,
                          TransactionRunner transactions, AuditLog audit) implements ManageOwnSessionsUseCase {
    @Override
    public List<SessionView> list(Principal principal) {
        return sessions.findActiveByUser(principal.tenantId(), principal.userId(), clock.now()).stream()
                .map(s -> new SessionView(s, s.id().equals(principal.sessionId())))
                .toList();
    }

    @Override
    public void revoke(Principal principal, SessionId sessionId, ClientInfo client) {
        Instant now = clock.now();
        Session session = sessions.findById(principal.tenantId(), sessionId)
                .filter(s -> s.userId().equals(principal.userId()) && s.isActiveAt(now))
                .orElseThrow(SessionNotFound::new);
        boolean revoked = transactions.inTransaction(() -> {
            if (!sessions.revoke(principal.tenantId(), sessionId, RevocationReason.REVOKED_BY_USER, now)) {
                return false;
            }
            audit.record(AuditEvent.of(principal.tenantId(), AuditEventType.SESSION_REVOKED, now, client)
                    .withActor(principal.userId()).withSubject(principal.userId())
                    .withDetail("sessionId", sessionId.toString()).withDetail("by", "user"));
            return true;
        });
        if (revoked) {
            revocations.revokedHere(session);
        }
    }
}
