package dev.gatehouse.application.lifecycle.port.in;

import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;

/** {@code PATCH /v1/admin/users/{id}} (its profile fields): the root token or a {@code users:write} key edits a profile. */
public interface UpdateUserProfileUseCase {
    /**
     * @throws dev.gatehouse.domain.error.UserNotFound when the tenant has no such user
     * @throws dev.gatehouse.domain.error.NotPermitted for a key without {@code users:write}, or a key acting on a root user
     */
    User update(RootAuthority authority, UserId userId, ProfileEdit edit, ClientInfo client);
}
