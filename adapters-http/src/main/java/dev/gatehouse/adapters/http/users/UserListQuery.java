package dev.gatehouse.adapters.http.users;

import dev.gatehouse.adapters.http.web.QueryParameters;
import dev.gatehouse.application.accounts.port.in.ListAccountUsersUseCase.Query;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.user.EmailAddress;
import java.util.Optional;

/**
 * The query of {@code GET /v1/account/users}: {@code limit} (1 to 100, default 50), {@code cursor} (the
 * previous page's {@code nextCursor}), {@code role} (a role name) and {@code emailPrefix} (matched
 * case-insensitively; empty means no filter). A parameter given twice counts once, first value wins.
 */
public final class UserListQuery {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 100;

    private UserListQuery() {
    }

    /** @throws InvalidInput naming the parameter that is malformed, out of range or unreadable */
    public static Query from(String rawQuery) {
        return new Query(Optional.empty(), role(rawQuery), emailPrefix(rawQuery),
                value(rawQuery, "cursor"), limit(rawQuery));
    }

    public static int limit(String rawQuery) {
        Optional<String> raw = value(rawQuery, "limit");
        if (raw.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        String text = raw.get();
        if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(text) < 1 || Integer.parseInt(text) > MAX_LIMIT) {
            throw new InvalidInput("limit", "must be a whole number from 1 to " + MAX_LIMIT);
        }
        return Integer.parseInt(text);
    }

    public static Optional<Role> role(String rawQuery) {
        return value(rawQuery, "role").map(name -> RoleNames.parse("role", name));
    }

    public static Optional<String> emailPrefix(String rawQuery) {
        Optional<String> prefix = value(rawQuery, "emailPrefix").filter(p -> !p.isBlank());
        if (prefix.isPresent() && prefix.get().length() > EmailAddress.MAX_LENGTH) {
            throw new InvalidInput("emailPrefix", "must be at most " + EmailAddress.MAX_LENGTH + " characters");
        }
        if (prefix.isPresent() && prefix.get().chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInput("emailPrefix", "must not contain control characters");
        }
        return prefix;
    }

    /** The parameter's value; empty when it is absent. */
    public static Optional<String> value(String rawQuery, String name) {
        String value = QueryParameters.first(rawQuery, name);
        if (value == null && QueryParameters.has(rawQuery, name)) {
            throw new InvalidInput(name, "is not readable (malformed percent-encoding)");
        }
        return Optional.ofNullable(value);
    }
}
