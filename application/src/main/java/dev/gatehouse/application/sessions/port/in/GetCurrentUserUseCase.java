package dev.gatehouse.application.sessions.port.in;

import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.user.User;

/**
 * The signed-in user: a token of a removed, disabled, moved or re-roled user no longer resolves, since
 * those changes end the user's sessions. Served from a session-keyed cache (fields that change without
 * ending sessions may be up to 30 s old), so do not base password checks on the returned hash: load the
 * user from {@code UserRepository} for that.
 */
public interface GetCurrentUserUseCase {

    User currentUser(Principal principal);

    /**
     * Replaces what the cache holds for the caller's session by the user as just changed (a change that ends no
     * session, such as a profile edit), so that the caller's next read shows it at once; the user's other sessions
     * see it within the cache's age bound (docs/adr/0020-session-keyed-user-cache.md).
     */
    void remember(Principal principal, User changed);
}
