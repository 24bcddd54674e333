package dev.gatehouse.adapters.http.v1;

import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserStatus;

/** A user on the native API: roles and statuses by name, {@code created} as ISO-8601. */
record UserResponse(String id, String accountId, String email, String role, String status, String created,
                    boolean emailVerified) {

    static UserResponse from(User user) {
        return new UserResponse(user.id().toString(), user.accountId().toString(), user.email().value(),
                RoleNames.name(user.role()), statusName(user.status()), user.created().toString(), user.emailVerified());
    }

    static String statusName(UserStatus status) {
        return switch (status) {
            case ACTIVE -> "active";
            case DISABLED -> "disabled";
        };
    }
}
