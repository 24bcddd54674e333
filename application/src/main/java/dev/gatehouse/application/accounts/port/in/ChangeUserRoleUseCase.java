package dev.gatehouse.application.accounts.port.in;

import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;

/** Gives a user another role; their sessions end, so the new role applies from their next sign-in. */
public interface ChangeUserRoleUseCase {

    /** Changes the user's role, recording the client in the audit log. */
    User changeRole(Principal principal, UserId userId, Role role, ClientInfo client);
}
