package dev.gatehouse.adapters.http.lifecycle;

import dev.gatehouse.adapters.http.users.UserResponse;
import dev.gatehouse.application.lifecycle.port.in.ExportOwnDataUseCase;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.oauth.Identity;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.session.Session;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/me/export}: the user (profile included), whether an authenticator app is on, the linked provider
 * accounts, the open sessions and the audit events that name the user. Nothing secret: no hash, token, code or
 * factor secret has a field here.
 */
record OwnDataResponse(String exportedAt, UserResponse user, Mfa mfa, List<IdentityItem> identities,
                       List<SessionItem> sessions, List<EventItem> auditEvents) {

    record Mfa(boolean totp) {
    }

    record IdentityItem(String id, String provider, String issuer, String subject, String email, String linkedAt) {
    }

    record SessionItem(String id, boolean current, String createdAt, String lastUsedAt, String expiresAt,
                       String ipAddress, String userAgent) {
    }

    record EventItem(String type, String time, String actor, String subject, String clientIp, String userAgent,
                     Map<String, String> details) {
    }

    static OwnDataResponse from(Principal principal, ExportOwnDataUseCase.OwnData data) {
        return new OwnDataResponse(data.exportedAt().toString(), UserResponse.from(data.user()),
                new Mfa(data.secondFactor()),
                data.identities().stream().map(OwnDataResponse::identity).toList(),
                data.sessions().stream().map(s -> session(principal, s)).toList(),
                data.auditEvents().stream().map(OwnDataResponse::event).toList());
    }

    private static IdentityItem identity(Identity identity) {
        return new IdentityItem(identity.id().toString(), identity.providerName(), identity.issuer(),
                identity.subject(), identity.email(), identity.linkedAt().toString());
    }

    private static SessionItem session(Principal principal, Session session) {
        return new SessionItem(session.id().toString(), session.id().equals(principal.sessionId()),
                session.createdAt().toString(), session.lastUsedAt().toString(), session.expiresAt().toString(),
                session.client().ipAddress(), session.client().userAgent());
    }

    private static EventItem event(AuditEvent event) {
        return new EventItem(event.type().name(), event.time().toString(), event.actor(), event.subject(),
                event.clientIp(), event.userAgent(), event.details());
    }
}
