package dev.gatehouse.application.admin.port.in;

import dev.gatehouse.application.port.in.RootAuthority;

import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.policy.UserAdministrationPolicy;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;
import dev.gatehouse.domain.user.UserStatus;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The tenant's users under root authority: reading needs {@code users:read}, changing {@code users:write}.
 * Users of other tenants do not exist here ({@link dev.gatehouse.domain.error.UserNotFound}). What may be
 * changed is {@link UserAdministrationPolicy}'s to decide; every change to who a user is ends the user's
 * sessions at once on this process and, through the revocation feed, within two seconds on the others, and is
 * recorded in the audit log in its own transaction ({@code client}: where the request came from).
 */
public interface AdminUsersUseCase {

    /** One page of the tenant's users, oldest first. */
    Page list(RootAuthority authority, Query query);

    /** @throws dev.gatehouse.domain.error.UserNotFound for a user not in the authority's tenant */
    User get(RootAuthority authority, UserId userId);

    /**
     * Changes role, account and/or status at once; returns the user as changed.
     *
     * @throws dev.gatehouse.domain.error.InvalidInput naming {@code accountId} when the tenant has no such account
     */
    User change(RootAuthority authority, UserId userId, UserAdministrationPolicy.Change change, ClientInfo client);

    /** Deletes the user after ending their sessions. */
    void delete(RootAuthority authority, UserId userId, ClientInfo client);

    /**
     * @param cursor the {@code nextCursor} of the previous page, opaque to callers
     * @param limit  1 to 100
     */
    record Query(Optional<AccountId> account, Optional<Role> role, Optional<UserStatus> status,
                 Optional<String> emailPrefix, Optional<String> cursor, int limit) {
        public static Query firstPage(int limit) {
            return new Query(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    limit);
        }
    }

    /** A page of users; {@code mfaEnabled}: those of them with a second factor on. */
    record Page(List<User> users, Optional<String> nextCursor, Set<UserId> mfaEnabled) {
    }
}
