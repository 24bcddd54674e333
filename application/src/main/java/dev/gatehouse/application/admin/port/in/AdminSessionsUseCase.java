package dev.gatehouse.application.admin.port.in;

import dev.gatehouse.application.port.in.RootAuthority;

import dev.gatehouse.domain.session.Session;
import dev.gatehouse.domain.user.UserId;
import java.util.List;

/** With root authority: a user's active sessions, and ending them all. */
public interface AdminSessionsUseCase {

    /** @throws dev.gatehouse.domain.error.UserNotFound for a user not in the authority's tenant */
    List<Session> list(RootAuthority authority, UserId userId);

    /** Ends every session of the user; returns how many were ended. */
    int revokeAll(RootAuthority authority, UserId userId);
}
