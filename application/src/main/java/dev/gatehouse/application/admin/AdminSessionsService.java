package dev.gatehouse.application.admin;

import dev.gatehouse.application.sessions.SessionRevocations;

import dev.gatehouse.application.admin.port.in.AdminSessionsUseCase;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.Clock;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.application.port.out.SessionRepository;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.UserNotFound;
import dev.gatehouse.domain.policy.TargetUserPolicy;
import dev.gatehouse.domain.session.RevocationReason;
import dev.gatehouse.domain.session.Session;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;
import java.util.List;
import java.util.Optional;

record AdminSessionsService(UserRepository users, SessionRepository sessions, SessionRevocations revocations,
                            Clock clock, TransactionRunner transactions, AuditLog audit)
        implements AdminSessionsUseCase {
    @Override
    public List<Session> list(RootAuthority authority, UserId userId) {
        requireUser(authority, userId);
        return sessions.findActiveByUser(authority.tenantId(), userId, clock.now());
    }

    @Override
    public int revokeAll(RootAuthority authority, UserId userId) {
        requireUser(authority, userId);
        java.time.Instant now = clock.now();
        List<Session> ended = transactions.inTransaction(() -> {
            List<Session> revoked = sessions.revokeAllOfUser(authority.tenantId(), userId, Optional.empty(),
                    RevocationReason.REVOKED_BY_ADMIN, now);
            audit.record(authority.auditEvent(AuditEventType.SESSION_REVOKED, now).withSubject(userId)
                    .withDetail("by", "admin").withDetail("sessionsEnded", Integer.toString(revoked.size())));
            return revoked;
        });
        ended.forEach(revocations::revokedHere);
        return ended.size();
    }

    private void requireUser(RootAuthority authority, UserId userId) {
        authority.require(Scope.SESSIONS_ADMIN);
        User target = users.findById(authority.tenantId(), userId).orElseThrow(UserNotFound::new);
        TargetUserPolicy.checkMayActOn(authority.asActor(), target);
    }
}
