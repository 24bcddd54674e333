package dev.gatehouse.application.mfa.port.in;

import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.user.UserId;

/** An administrator removes a user's second factors (a lost phone and lost codes). */
public interface ResetMfaUseCase {

    /**
     * Removes the user's factors and recovery codes and ends their sessions ({@code users:write}; a root user only
     * by the root token).
     *
     * @throws dev.gatehouse.domain.error.UserNotFound for a user not in the authority's tenant
     */
    void reset(RootAuthority authority, UserId userId, ClientInfo client);
}
