package dev.gatehouse.adapters.http.sessions;

import dev.gatehouse.application.sessions.port.in.ManageOwnSessionsUseCase.SessionView;
import dev.gatehouse.domain.session.Session;

/**
 * One of the caller's sessions on {@code GET /v1/me/sessions}: instants as ISO-8601, {@code current} for
 * the session the presented token belongs to. {@code ipAddress} is the socket peer the session was opened
 * from (a proxy's, behind one); {@code userAgent} as the client sent it, shortened.
 */
record SessionResponse(String id, boolean current, String createdAt, String lastUsedAt, String expiresAt,
                       String ipAddress, String userAgent) {

    static SessionResponse from(SessionView view) {
        Session session = view.session();
        return new SessionResponse(session.id().toString(), view.current(), session.createdAt().toString(),
                session.lastUsedAt().toString(), session.expiresAt().toString(), session.client().ipAddress(),
                session.client().userAgent());
    }
}
