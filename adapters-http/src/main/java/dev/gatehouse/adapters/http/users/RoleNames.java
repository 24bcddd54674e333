package dev.gatehouse.adapters.http.users;

import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.role.Role;

/** Roles on the native API, by name. Spelled out rather than derived from the enum, so a rename in code cannot change the wire. */
public final class RoleNames {

    private RoleNames() {
    }

    public static String name(Role role) {
        return switch (role) {
            case USER -> "user";
            case ACCOUNT_ADMIN -> "account_admin";
            case ROOT -> "root";
        };
    }

    /**
     * {@code user}, {@code account_admin} or {@code root}, exactly so.
     *
     * @throws InvalidInput naming {@code field} for anything else, also when null
     */
    public static Role parse(String field, String name) {
        return switch (name == null ? "" : name) {
            case "user" -> Role.USER;
            case "account_admin" -> Role.ACCOUNT_ADMIN;
            case "root" -> Role.ROOT;
            default -> throw new InvalidInput(field, "must be user, account_admin or root");
        };
    }
}
