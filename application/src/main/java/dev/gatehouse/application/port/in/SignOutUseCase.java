package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.session.Principal;

/** Ends the caller's current session, their other sessions, or all of them. */
public interface SignOutUseCase {

    enum Scope { CURRENT, OTHERS, ALL }

    /** @return how many sessions this call ended */
    int signOut(Principal principal, Scope scope);
}
