package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.SignOutUseCase;
import dev.gatehouse.application.port.out.Clock;
import dev.gatehouse.application.port.out.SessionRepository;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.session.RevocationReason;
import dev.gatehouse.domain.session.Session;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

final class SignOutService implements SignOutUseCase {
    private final SessionRepository sessions;
    private final SessionRevocations revocations;
    private final Clock clock;

    SignOutService(SessionRepository sessions, SessionRevocations revocations, Clock clock) {
        this.sessions = sessions;
        this.revocations = revocations;
        this.clock = clock;
    }

    @Override
    public int signOut(Principal principal, Scope scope) {
        Instant now = clock.now();
        if (scope == Scope.CURRENT) {
            Optional<Session> current = sessions.findById(principal.tenantId(), principal.sessionId());
            if (current.isPresent()
                    && sessions.revoke(principal.tenantId(), principal.sessionId(), RevocationReason.SIGNED_OUT, now)) {
                revocations.revokedHere(current.get());
                return 1;
            }
            return 0;
        }
        Optional<Session> keep = scope == Scope.OTHERS
                ? sessions.findById(principal.tenantId(), principal.sessionId()) : Optional.empty();
        List<Session> ended = sessions.revokeAllOfUser(principal.tenantId(), principal.userId(),
                keep.map(Session::id), RevocationReason.SIGNED_OUT, now);
        ended.forEach(revocations::revokedHere);
        return ended.size();
    }
}
