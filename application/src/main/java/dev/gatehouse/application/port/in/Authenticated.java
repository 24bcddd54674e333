package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.session.AccessToken;
import dev.gatehouse.domain.session.Session;
import dev.gatehouse.domain.user.User;

/**
 * The outcome of a successful sign-up, sign-in or refresh: who signed in, their session, a short-lived
 * access token and the refresh token that can be exchanged, once, for the next pair.
 */
public record Authenticated(User user, Session session, AccessToken accessToken, String refreshToken)
        implements SignInOutcome {

    @Override
    public String toString() {
        return "Authenticated[user=" + user.id() + ", session=" + session.id() + "]";
    }
}
