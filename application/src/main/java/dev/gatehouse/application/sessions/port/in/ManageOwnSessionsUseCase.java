package dev.gatehouse.application.sessions.port.in;

import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.session.Session;
import dev.gatehouse.domain.session.SessionId;
import java.util.List;

/** A user's view of their own active sessions, and ending one of them. */
public interface ManageOwnSessionsUseCase {

    /** Active sessions, newest first; {@code current} marks the one the caller's token belongs to. */
    List<SessionView> list(Principal principal);

    /**
     * Ends one of the caller's sessions, recording the client in the audit log.
     *
     * @throws dev.gatehouse.domain.error.SessionNotFound for an id that is not one of the caller's sessions
     */
    void revoke(Principal principal, SessionId sessionId, ClientInfo client);

    record SessionView(Session session, boolean current) {
    }
}
