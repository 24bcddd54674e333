package dev.gatehouse.domain.session;

import java.time.Instant;
import java.util.Objects;

/** A signed bearer token handed to a client, with the instant it stops being accepted. */
public record AccessToken(String value, Instant expiresAt) {
    public AccessToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresAt, "expires at");
    }

    @Override
    public String toString() {
        return "AccessToken[expiresAt=" + expiresAt + "]";
    }
}
