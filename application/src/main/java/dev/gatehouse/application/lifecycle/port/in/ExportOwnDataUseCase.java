package dev.gatehouse.application.lifecycle.port.in;

import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.oauth.Identity;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.session.Session;
import dev.gatehouse.domain.user.User;
import java.time.Instant;
import java.util.List;

/** {@code GET /v1/me/export}: what Gatehouse holds of the signed-in user, without any secret. */
public interface ExportOwnDataUseCase {
    OwnData export(Principal principal, ClientInfo client);

    /**
     * @param user          the user with their profile (the hash is the adapter's to leave out)
     * @param secondFactor  whether a confirmed authenticator app is enrolled (never its secret)
     * @param auditEvents   the events that name the user as actor or subject, newest first, at most
     *                      {@link #MAX_AUDIT_EVENTS}
     */
    record OwnData(User user, List<Identity> identities, List<Session> sessions, boolean secondFactor,
                   List<AuditEvent> auditEvents, Instant exportedAt) {
    }

    int MAX_AUDIT_EVENTS = 10_000;
}
