package dev.gatehouse.application.accounts.port.in;

import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.user.UserId;

/** Removes a user from the tenant; their sessions end with them. */
public interface RemoveAccountUserUseCase {

    /** Removes the user from the account, recording the client in the audit log. */
    void remove(Principal principal, UserId userId, ClientInfo client);
}
