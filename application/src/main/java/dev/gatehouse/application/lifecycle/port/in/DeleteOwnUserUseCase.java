package dev.gatehouse.application.lifecycle.port.in;

import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.user.Password;
import java.util.Optional;

/** {@code DELETE /v1/me}: the signed-in user deletes themselves (docs/users.md, ADR 0025). */
public interface DeleteOwnUserUseCase {
    /**
     * Deletes the caller, everything stored of them, and their account when they were its last member.
     *
     * @param password the current password, which re-authenticates the session first (as
     *                 {@code POST /v1/auth/reauthenticate} would); without it the session must have proved its user
     *                 within the re-authentication window
     * @throws dev.gatehouse.domain.error.ReauthenticationRequired outside the window and without a password
     * @throws dev.gatehouse.domain.error.NotPermitted for the tenant's root user
     * @throws dev.gatehouse.domain.error.LastAdminRequired for the last admin of an account with other members
     */
    void delete(Principal principal, Optional<Password> password, ClientInfo client);
}
