package dev.gatehouse.adapters.http.admin;

import dev.gatehouse.domain.session.Session;

/** One of a user's sessions as root authority sees it: {@link SessionResponse} without {@code current}. */
record AdminSessionResponse(String id, String createdAt, String lastUsedAt, String expiresAt, String ipAddress,
                            String userAgent) {

    static AdminSessionResponse from(Session session) {
        return new AdminSessionResponse(session.id().toString(), session.createdAt().toString(),
                session.lastUsedAt().toString(), session.expiresAt().toString(), session.client().ipAddress(),
                session.client().userAgent());
    }
}
