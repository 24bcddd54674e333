package dev.gatehouse.domain.account;

import dev.gatehouse.domain.Ids;
import java.util.Objects;
import java.util.UUID;

public record AccountId(UUID value) {
    public AccountId {
        Objects.requireNonNull(value, "account id");
    }

    /** Parses an id given by a caller; a malformed id is an {@code InvalidInput} naming {@code field}. */
    public static AccountId parse(String field, String raw) {
        return new AccountId(Ids.parseUuid(field, raw));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
