package dev.gatehouse.adapters.http.users;

import dev.gatehouse.application.accounts.port.in.ListAccountUsersUseCase.Page;
import dev.gatehouse.domain.user.User;
import java.util.List;
import java.util.Optional;

/**
 * One page of {@code GET /v1/account/users}: {@code nextCursor} is null on the
 * last page, otherwise the value to pass as {@code ?cursor=} for the next one (it may lead to an empty page when
 * the last page was exactly full).
 */
public record UserPageResponse(List<UserResponse> users, String nextCursor) {

    public static UserPageResponse from(Page page) {
        return from(page.users(), page.nextCursor());
    }

    public static UserPageResponse from(List<User> users, Optional<String> nextCursor) {
        return new UserPageResponse(users.stream().map(UserResponse::member).toList(), nextCursor.orElse(null));
    }
}
