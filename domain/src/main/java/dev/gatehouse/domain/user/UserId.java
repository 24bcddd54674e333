package dev.gatehouse.domain.user;

import dev.gatehouse.domain.Ids;
import java.util.Objects;
import java.util.UUID;

public record UserId(UUID value) {
    public UserId {
        Objects.requireNonNull(value, "user id");
    }

    /** Parses an id given by a caller; a malformed id is an {@code InvalidInput} naming {@code field}. */
    public static UserId parse(String field, String raw) {
        return new UserId(Ids.parseUuid(field, raw));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
