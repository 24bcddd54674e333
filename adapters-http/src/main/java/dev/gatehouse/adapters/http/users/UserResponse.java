package dev.gatehouse.adapters.http.users;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.gatehouse.adapters.http.web.JsonObjectWriter;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserStatus;

/**
 * A user on the native API: roles and statuses by name, {@code created} as ISO-8601, the profile's {@code name} and
 * {@code avatarUrl} (null when unset) and, for the user themselves and administrators, {@code metadata} (an object,
 * {@code {}} when unset). Member lists use {@link #member}, which leaves the metadata out: it is the app's, about the
 * user, and not for the user's colleagues.
 */
public record UserResponse(String id, String accountId, String email, String role, String status, String created,
                           boolean emailVerified, String name, String avatarUrl,
                           @JsonInclude(JsonInclude.Include.NON_NULL) @JsonRawValue String metadata) {

    /** The whole user, metadata included. */
    public static UserResponse from(User user) {
        return of(user, user.profile().metadataIfSet().orElse("{}"));
    }

    /** The user as a member list shows them: no metadata. */
    public static UserResponse member(User user) {
        return of(user, null);
    }

    private static UserResponse of(User user, String metadata) {
        return new UserResponse(user.id().toString(), user.accountId().toString(), user.email().value(),
                RoleNames.name(user.role()), statusName(user.status()), user.created().toString(), user.emailVerified(),
                user.profile().name(), user.profile().avatarUrl(), metadata);
    }

    /** The same JSON Jackson would write for this record, without Jackson (the hot path of GET /v1/me). */
    public byte[] toJson() {
        JsonObjectWriter json = new JsonObjectWriter().field("id", id).field("accountId", accountId)
                .field("email", email).field("role", role).field("status", status).field("created", created)
                .field("emailVerified", emailVerified).field("name", name).field("avatarUrl", avatarUrl);
        return (metadata == null ? json : json.rawField("metadata", metadata)).toBytes();
    }

    public static String statusName(UserStatus status) {
        return switch (status) {
            case ACTIVE -> "active";
            case DISABLED -> "disabled";
        };
    }
}
