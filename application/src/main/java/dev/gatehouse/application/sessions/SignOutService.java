package dev.gatehouse.application.sessions;

import dev.gatehouse.application.sessions.port.in.SignOutUseCase;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.Clock;
import dev.gatehouse.application.port.out.SessionRepository;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.session.RevocationReason;
import dev.gatehouse.domain.session.Session;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

record SignOutService(SessionRepository sessions, SessionRevocations revocations, Clock clock,
                      TransactionRunner transactions, AuditLog audit) implements SignOutUseCase {
    @Override
    public int signOut(Principal principal, Scope scope, ClientInfo client) {
        Instant now = clock.now();
        List<Session> ended = transactions.inTransaction(() -> {
            List<Session> revoked;
            if (scope == Scope.CURRENT) {
                Optional<Session> current = sessions.findById(principal.tenantId(), principal.sessionId());
                revoked = current.isPresent() && sessions.revoke(principal.tenantId(), principal.sessionId(),
                        RevocationReason.SIGNED_OUT, now) ? List.of(current.get()) : List.of();
            } else {
                Optional<Session> keep = scope == Scope.OTHERS
                        ? sessions.findById(principal.tenantId(), principal.sessionId()) : Optional.empty();
                revoked = sessions.revokeAllOfUser(principal.tenantId(), principal.userId(), keep.map(Session::id),
                        RevocationReason.SIGNED_OUT, now);
            }
            audit.record(AuditEvent.of(principal.tenantId(), AuditEventType.LOGOUT, now, client)
                    .withActor(principal.userId()).withSubject(principal.userId())
                    .withDetail("scope", scope.name().toLowerCase(java.util.Locale.ROOT))
                    .withDetail("sessionsEnded", Integer.toString(revoked.size())));
            return revoked;
        });
        ended.forEach(revocations::revokedHere);
        return ended.size();
    }
}
