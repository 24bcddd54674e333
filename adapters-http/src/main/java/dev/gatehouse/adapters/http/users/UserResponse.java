package dev.gatehouse.adapters.http.users;

import dev.gatehouse.adapters.http.web.JsonObjectWriter;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserStatus;

/** A user on the native API: roles and statuses by name, {@code created} as ISO-8601. */
public record UserResponse(String id, String accountId, String email, String role, String status, String created,
                    boolean emailVerified) {

    public static UserResponse from(User user) {
        return new UserResponse(user.id().toString(), user.accountId().toString(), user.email().value(),
                RoleNames.name(user.role()), statusName(user.status()), user.created().toString(), user.emailVerified());
    }

    /** The same JSON Jackson would write for this record, without Jackson (the hot path of GET /v1/me). */
    public byte[] toJson() {
        return new JsonObjectWriter().field("id", id).field("accountId", accountId).field("email", email)
                .field("role", role).field("status", status).field("created", created)
                .field("emailVerified", emailVerified).toBytes();
    }

    public static String statusName(UserStatus status) {
        return switch (status) {
            case ACTIVE -> "active";
            case DISABLED -> "disabled";
        };
    }
}
