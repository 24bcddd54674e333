package dev.gatehouse.adapters.http.v1;

import dev.gatehouse.application.port.in.ListAccountUsersUseCase.Page;
import java.util.List;

/**
 * One page of {@code GET /v1/account/users}: {@code nextCursor} is null on the last page, otherwise the
 * value to pass as {@code ?cursor=} for the next one (it may lead to an empty page when the last page was
 * exactly full).
 */
record UserPageResponse(List<UserResponse> users, String nextCursor) {

    static UserPageResponse from(Page page) {
        return new UserPageResponse(page.users().stream().map(UserResponse::from).toList(),
                page.nextCursor().orElse(null));
    }
}
