package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.user.UserId;

/** Removes a user from the tenant; their sessions end with them. */
public interface RemoveAccountUserUseCase {

    void remove(Principal principal, UserId userId);
}
