package dev.gatehouse.adapters.http.v1;

import dev.gatehouse.application.port.in.Authenticated;
import java.time.Duration;
import java.time.Instant;

/** Sign-up and sign-in answer: an OAuth-style token response with the user. */
record AuthResponse(String accessToken, String tokenType, long expiresIn, UserResponse user) {

    static AuthResponse from(Authenticated authenticated, Instant now) {
        long expiresIn = Math.max(0, Duration.between(now, authenticated.accessToken().expiresAt()).toSeconds());
        return new AuthResponse(authenticated.accessToken().value(), "Bearer", expiresIn,
                UserResponse.from(authenticated.user()));
    }
}
