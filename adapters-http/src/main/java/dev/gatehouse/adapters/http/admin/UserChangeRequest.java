package dev.gatehouse.adapters.http.admin;

import dev.gatehouse.adapters.http.users.RoleNames;

import dev.gatehouse.adapters.http.web.JsonFields;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.policy.UserAdministrationPolicy;
import dev.gatehouse.domain.user.UserStatus;
import java.util.Optional;
import java.util.Set;

/**
 * The body of {@code PATCH /v1/admin/users/{id}}: any of {@code role} (a role name), {@code accountId} (an
 * account of the tenant) and {@code status} ({@code active} or {@code disabled}); at least one.
 */
record UserChangeRequest(UserAdministrationPolicy.Change change) {
    static final Set<String> FIELDS = Set.of("role", "accountId", "status");

    static UserChangeRequest from(JsonFields body) {
        String role = body.string("role");
        String account = body.string("accountId");
        String status = body.string("status");
        return new UserChangeRequest(new UserAdministrationPolicy.Change(
                Optional.ofNullable(role).map(name -> RoleNames.parse("role", name)),
                Optional.ofNullable(account).map(id -> AccountId.parse("accountId", id)),
                Optional.ofNullable(status).map(name -> status("status", name))));
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
