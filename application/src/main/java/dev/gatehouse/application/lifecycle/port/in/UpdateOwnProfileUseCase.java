package dev.gatehouse.application.lifecycle.port.in;

import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.user.User;

/** {@code PATCH /v1/me}: the signed-in user edits their own profile. */
public interface UpdateOwnProfileUseCase {
    /**
     * @return the user as changed; the caller's next {@code GET /v1/me} shows it
     * @throws dev.gatehouse.domain.error.InvalidInput when the edited profile is not acceptable
     */
    User update(Principal principal, ProfileEdit edit, ClientInfo client);
}
