package dev.gatehouse.application.accounts.port.in;

import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.user.User;
import java.util.List;
import java.util.Optional;

/** The users of the caller's account (root: of any account of the tenant), page by page. */
public interface ListAccountUsersUseCase {

    Page list(Principal principal, Query query);

    /**
     * @param accountId   another account (root only); empty for the caller's own
     * @param cursor      the {@code nextCursor} of the previous page, opaque to callers
     * @param limit       1 to 100
     */
    record Query(Optional<AccountId> accountId, Optional<Role> role, Optional<String> emailPrefix,
                 Optional<String> cursor, int limit) {
        public static Query firstPage(int limit) {
            return new Query(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), limit);
        }
    }

    record Page(List<User> users, Optional<String> nextCursor) {
    }
}
