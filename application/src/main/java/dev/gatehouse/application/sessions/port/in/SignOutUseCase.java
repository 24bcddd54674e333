package dev.gatehouse.application.sessions.port.in;

import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;

/** Ends the caller's current session, their other sessions, or all of them. */
public interface SignOutUseCase {

    enum Scope { CURRENT, OTHERS, ALL }

    /** @return how many sessions this call ended */
    default int signOut(Principal principal, Scope scope) {
        return signOut(principal, scope, ClientInfo.UNKNOWN);
    }

    /** As {@link #signOut(Principal, Scope)}, recording the client in the audit log. */
    int signOut(Principal principal, Scope scope, ClientInfo client);
}
