package dev.gatehouse.domain.session;

import dev.gatehouse.domain.Ids;
import java.util.Objects;
import java.util.UUID;

public record SessionId(UUID value) {
    public SessionId {
        Objects.requireNonNull(value, "session id");
    }

    public static SessionId parse(String field, String raw) {
        return new SessionId(Ids.parseUuid(field, raw));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
