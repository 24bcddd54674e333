package dev.gatehouse.application.sessions;

import dev.gatehouse.application.support.SecretHashing;

import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.sessions.port.in.RefreshUseCase;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.Clock;
import dev.gatehouse.application.sessions.port.out.RefreshGrantRepository;
import dev.gatehouse.application.port.out.SessionRepository;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.RefreshTokenAlreadyRotated;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.error.Unauthenticated.Reason;
import dev.gatehouse.domain.session.RefreshGrant;
import dev.gatehouse.domain.session.RevocationReason;
import dev.gatehouse.domain.session.Session;
import dev.gatehouse.domain.user.User;
import java.time.Duration;
import java.time.Instant;

record RefreshService(RefreshGrantRepository grants, SessionRepository sessions, UserRepository users,
                      SessionIssuer issuer, SessionRevocations revocations, TransactionRunner transactions, Clock clock,
                      Duration reuseGrace, AuditLog audit) implements RefreshUseCase {
    private static final int MAX_TOKEN_LENGTH = 200;

    @Override
    public Authenticated refresh(Command command) {
        String token = command.refreshToken();
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
            throw new Unauthenticated(Reason.INVALID);
        }
        String hash = SecretHashing.sha256Hex(token);
        RefreshGrant grant = grants.findByHash(hash).orElseThrow(() -> new Unauthenticated(Reason.INVALID));
        // Looked up within the caller's tenant: another tenant's refresh token finds no session here.
        Session session = sessions.findById(command.tenantId(), grant.sessionId())
                .orElseThrow(() -> new Unauthenticated(Reason.INVALID));
        Instant now = clock.now();
        if (!session.isActiveAt(now)) {
            throw new Unauthenticated(Reason.INVALID);
        }
        switch (grant.onPresentation(now, reuseGrace)) {
            case ROTATE -> { }
            case EXPIRED -> throw new Unauthenticated(Reason.EXPIRED);
            case CONCURRENT_DUPLICATE -> throw new RefreshTokenAlreadyRotated();
            case REUSE_DETECTED -> {
                // A rotated token came back after the grace window: someone holds a stolen copy.
                boolean ended = transactions.inTransaction(() -> {
                    boolean revoked = sessions.revoke(session.tenantId(), session.id(),
                            RevocationReason.REFRESH_TOKEN_REUSED, now);
                    audit.record(AuditEvent.of(session.tenantId(), AuditEventType.REFRESH_REUSE_DETECTED, now,
                                    command.client()).withSubject(session.userId())
                            .withDetail("sessionId", session.id().toString())
                            .withDetail("sessionEnded", Boolean.toString(revoked)));
                    return revoked;
                });
                if (ended) {
                    revocations.revokedHere(session);
                }
                throw new Unauthenticated(Reason.INVALID);
            }
        }
        // A session opened before a change that ended the user's sessions (its stamp is no longer the user's) is
        // never renewed, even if its revocation has not been seen yet.
        User user = users.findById(session.tenantId(), session.userId()).filter(User::maySignIn)
                .filter(u -> u.securityStamp().equals(session.securityStamp()))
                .orElseThrow(() -> new Unauthenticated(Reason.INVALID));
        SessionIssuer.Pending next = issuer.prepareRotation(session);
        Rotation rotation = transactions.inTransaction(() -> {
            if (!issuer.userUnchanged(session)) {
                return Rotation.USER_CHANGED; // checked again under the user's lock: a change may have just committed
            }
            if (!grants.markUsed(hash, now)) {
                return Rotation.LOST;
            }
            issuer.persist(next);
            return Rotation.ROTATED;
        });
        switch (rotation) {
            case USER_CHANGED -> throw new Unauthenticated(Reason.INVALID);
            case LOST -> throw new RefreshTokenAlreadyRotated(); // a concurrent request rotated it first
            case ROTATED -> { }
        }
        return issuer.completeSession(user, next, TokenProfile.NATIVE);
    }

    private enum Rotation {
        ROTATED, LOST, USER_CHANGED
    }
}
