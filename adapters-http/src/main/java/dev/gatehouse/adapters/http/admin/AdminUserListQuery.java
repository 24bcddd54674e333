package dev.gatehouse.adapters.http.admin;

import dev.gatehouse.adapters.http.users.UserListQuery;

import dev.gatehouse.application.admin.port.in.AdminUsersUseCase.Query;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.error.InvalidInput;
import java.util.Optional;

/**
 * The query of {@code GET /v1/admin/users}: those of {@code GET /v1/account/users} ({@link UserListQuery}:
 * {@code limit}, {@code cursor}, {@code role}, {@code emailPrefix}) plus {@code accountId} (one account of the
 * tenant) and {@code status} ({@code active} or {@code disabled}).
 */
final class AdminUserListQuery {

    private AdminUserListQuery() {
    }

    /** @throws InvalidInput naming the parameter that is malformed, out of range or unreadable */
    static Query from(String rawQuery) {
        Optional<AccountId> account = UserListQuery.value(rawQuery, "accountId")
                .map(id -> AccountId.parse("accountId", id));
        return new Query(account, UserListQuery.role(rawQuery),
                UserListQuery.value(rawQuery, "status").map(name -> UserChangeRequest.status("status", name)),
                UserListQuery.emailPrefix(rawQuery), UserListQuery.value(rawQuery, "cursor"),
                UserListQuery.limit(rawQuery));
    }
}
