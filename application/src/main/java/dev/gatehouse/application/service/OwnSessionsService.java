package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.ManageOwnSessionsUseCase;
import dev.gatehouse.application.port.out.Clock;
import dev.gatehouse.application.port.out.SessionRepository;
import dev.gatehouse.domain.error.SessionNotFound;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.session.RevocationReason;
import dev.gatehouse.domain.session.Session;
import dev.gatehouse.domain.session.SessionId;
import java.time.Instant;
import java.util.List;

final class OwnSessionsService implements ManageOwnSessionsUseCase {
    private final SessionRepository sessions;
    private final SessionRevocations revocations;
    private final Clock clock;

    OwnSessionsService(SessionRepository sessions, SessionRevocations revocations, Clock clock) {
        this.sessions = sessions;
        this.revocations = revocations;
        this.clock = clock;
    }

    @Override
    public List<SessionView> list(Principal principal) {
        return sessions.findActiveByUser(principal.tenantId(), principal.userId(), clock.now()).stream()
                .map(s -> new SessionView(s, s.id().equals(principal.sessionId())))
                .toList();
    }

    @Override
    public void revoke(Principal principal, SessionId sessionId) {
        Instant now = clock.now();
        Session session = sessions.findById(principal.tenantId(), sessionId)
                .filter(s -> s.userId().equals(principal.userId()) && s.isActiveAt(now))
                .orElseThrow(SessionNotFound::new);
        if (sessions.revoke(principal.tenantId(), sessionId, RevocationReason.REVOKED_BY_USER, now)) {
            revocations.revokedHere(session);
        }
    }
}
