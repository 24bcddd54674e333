package dev.gatehouse.adapters.http.admin;

import dev.gatehouse.adapters.http.users.UserResponse;
import dev.gatehouse.application.admin.port.in.AdminUsersUseCase;
import java.util.List;

/** {@code GET /v1/admin/users}: the users as everywhere, each with whether a second factor is on. */
record AdminUserPageResponse(List<AdminUserResponse> users, String nextCursor) {

    static AdminUserPageResponse from(AdminUsersUseCase.Page page) {
        return new AdminUserPageResponse(page.users().stream().map(user -> {
            UserResponse plain = UserResponse.member(user);
            return new AdminUserResponse(plain.id(), plain.accountId(), plain.email(), plain.role(), plain.status(),
                    plain.created(), plain.emailVerified(), plain.name(), plain.avatarUrl(),
                    page.mfaEnabled().contains(user.id()));
        }).toList(), page.nextCursor().orElse(null));
    }

    record AdminUserResponse(String id, String accountId, String email, String role, String status, String created,
                             boolean emailVerified, String name, String avatarUrl, boolean mfaEnabled) {
    }
}
