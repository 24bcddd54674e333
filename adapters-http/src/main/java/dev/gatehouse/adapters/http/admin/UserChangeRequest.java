package dev.gatehouse.adapters.http.admin;

import dev.gatehouse.adapters.http.users.RoleNames;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.adapters.http.web.JsonNodeValues;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.policy.UserAdministrationPolicy;
import dev.gatehouse.domain.user.UserStatus;
import java.util.Optional;
import java.util.Set;

/**
 * The membership part of a {@code PATCH /v1/admin/users/{id}} body: any of {@code role} (a role name),
 * {@code accountId} (an account of the tenant) and {@code status} ({@code active} or {@code disabled}). The same body
 * may hold profile fields ({@link dev.gatehouse.adapters.http.users.ProfilePatch}).
 */
record UserChangeRequest(UserAdministrationPolicy.Change change) {
    static final Set<String> FIELDS = Set.of("role", "accountId", "status");

    /** The membership part of the body; empty when the body changes none of role, account and status. */
    static Optional<UserChangeRequest> from(ObjectNode body) {
        String role = text(body, "role");
        String account = text(body, "accountId");
        String status = text(body, "status");
        if (role == null && account == null && status == null) {
            return Optional.empty();
        }
        return Optional.of(new UserChangeRequest(new UserAdministrationPolicy.Change(
                Optional.ofNullable(role).map(name -> RoleNames.parse("role", name)),
                Optional.ofNullable(account).map(id -> AccountId.parse("accountId", id)),
                Optional.ofNullable(status).map(name -> status("status", name)))));
    }

    private static String text(ObjectNode body, String field) {
        var value = body.get(field);
        return value == null || value.isNull() ? null : JsonNodeValues.text(value, field);
    }

    /** {@code active} or {@code disabled}, exactly so: the names {@link UserResponse} writes. */
    static UserStatus status(String field, String name) {
        return switch (name) {
            case "active" -> UserStatus.ACTIVE;
            case "disabled" -> UserStatus.DISABLED;
            default -> throw new InvalidInput(field, "must be active or disabled");
        };
    }
}
