package dev.gatehouse.application.sessions.port.in;

import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;

/** Ends the caller's current session, their other sessions, or all of them. */
public interface SignOutUseCase {

    enum Scope { CURRENT, OTHERS, ALL }

    /**
     * Ends the caller's sessions of {@code scope}, recording the client in the audit log.
     *
     * @return how many sessions this call ended
     */
    int signOut(Principal principal, Scope scope, ClientInfo client);
}
