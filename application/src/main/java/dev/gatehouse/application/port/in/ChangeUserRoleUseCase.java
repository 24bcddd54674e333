package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;

/** Gives a user another role; their sessions end, so the new role applies from their next sign-in. */
public interface ChangeUserRoleUseCase {

    User changeRole(Principal principal, UserId userId, Role role);
}
