package dev.gatehouse.domain;

import dev.gatehouse.domain.error.InvalidInput;
import java.util.UUID;
import java.util.regex.Pattern;

/** Parsing of the UUIDs that identify tenants, accounts, users, sessions and keys: the one id pattern. */
public final class Ids {
    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Ids() {
    }

    /** True when {@code raw} is an id in the canonical 36-character UUID form. */
    public static boolean isUuid(String raw) {
        return raw != null && CANONICAL.matcher(raw).matches();
    }

    /** Accepts only the canonical 36-character form (UUID.fromString alone accepts odd shapes). */
    public static UUID parseUuid(String field, String raw) {
        if (!isUuid(raw)) {
            throw new InvalidInput(field, "must be an id in UUID form");
        }
        return UUID.fromString(raw);
    }
}
