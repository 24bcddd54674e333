package dev.gatehouse.adapters.http.accounts;

import dev.gatehouse.adapters.http.web.JsonFields;
import dev.gatehouse.domain.error.InvalidInput;
import java.util.Set;

/**
 * The body of {@code PATCH /v1/account}: {@code {"name"}}, required; display text, so no control characters
 * (a NUL would also fail in PostgreSQL as a 500). The account itself checks the length.
 */
record RenameAccountRequest(String name) {
    static final Set<String> FIELDS = Set.of("name");

    static RenameAccountRequest from(JsonFields body) {
        String name = body.string("name");
        if (name == null) {
            throw new InvalidInput("name", "is required");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInput("name", "must not contain control characters");
        }
        return new RenameAccountRequest(name);
    }
}
