package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.session.AccessToken;
import dev.gatehouse.domain.user.User;

/** The outcome of a successful sign-up or sign-in: who signed in and the token they act with. */
public record Authenticated(User user, AccessToken accessToken) {
}
