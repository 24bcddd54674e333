package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.user.User;

/** The signed-in user as stored now (a token of a removed or disabled user no longer resolves). */
public interface GetCurrentUserUseCase {

    User currentUser(Principal principal);
}
