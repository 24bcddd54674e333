package dev.gatehouse.domain.invitation;

import dev.gatehouse.domain.Ids;
import java.util.Objects;
import java.util.UUID;

/** The id of an invitation: stable while it is pending, also when it is sent again with a new link. */
public record InvitationId(UUID value) {
    public InvitationId {
        Objects.requireNonNull(value, "invitation id");
    }

    /** Parses an id given by a caller; a malformed id is an {@code InvalidInput} naming {@code field}. */
    public static InvitationId parse(String field, String raw) {
        return new InvitationId(Ids.parseUuid(field, raw));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
