package dev.gatehouse.adapters.http.auth;

import dev.gatehouse.adapters.http.users.UserResponse;

import dev.gatehouse.application.port.in.Authenticated;
import java.time.Duration;
import java.time.Instant;

/**
 * Sign-up, sign-in and refresh answer: an OAuth-style token response with the user. The refresh token is
 * good for one exchange at {@code POST /v1/auth/refresh}, which answers the next pair.
 */
public record AuthResponse(String accessToken, String refreshToken, String tokenType, long expiresIn, UserResponse user) {

    public static AuthResponse from(Authenticated authenticated, Instant now) {
        long expiresIn = Math.max(0, Duration.between(now, authenticated.accessToken().expiresAt()).toSeconds());
        return new AuthResponse(authenticated.accessToken().value(), authenticated.refreshToken(), "Bearer", expiresIn,
                UserResponse.from(authenticated.user()));
    }

    @Override
    public String toString() {
        return "AuthResponse[user=" + user.id() + "]";
    }
}
