package dev.gatehouse.adapters.http.auth;

import dev.gatehouse.adapters.http.web.JsonFields;
import dev.gatehouse.domain.error.InvalidInput;
import java.util.Set;

/**
 * The body of {@code POST /v1/auth/refresh}: {@code {"refreshToken"}}. A missing token is invalid input
 * (400); whether a present one is any good is the refresh use case's call (401 when it is not).
 */
record RefreshRequest(String refreshToken) {
    static final Set<String> FIELDS = Set.of("refreshToken");

    static RefreshRequest from(JsonFields body) {
        String token = body.string("refreshToken");
        if (token == null) {
            throw new InvalidInput("refreshToken", "is required");
        }
        return new RefreshRequest(token);
    }

    @Override
    public String toString() {
        return "RefreshRequest[refreshToken=<redacted>]";
    }
}
