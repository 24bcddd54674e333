package dev.gatehouse.domain.policy;

import dev.gatehouse.domain.Required;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.error.LastAdminRequired;
import dev.gatehouse.domain.error.NotPermitted;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserStatus;
import java.util.Optional;

/**
 * What the tenant's server-side authority (its root token or a secret key) may do to the tenant's users
 * through the admin API (docs/adr/0011-admin-user-management.md). The authority is the tenant's own, so
 * other tenants' users are never loaded; within the tenant:
 * <ul>
 *   <li>roles up to account admin may be given; the root role only by the operator's tools (CLI, operator
 *       API), and a root user is not changed, moved, disabled or deleted here either: the tenant's owner is
 *       the operator's business, and a leaked secret key must not be able to lock the owner out;</li>
 *   <li>a user moves only to another account of the same tenant (the caller resolves that account in the
 *       tenant; the store's foreign key enforces it again);</li>
 *   <li>an account keeps at least one admin: demoting, moving away or deleting its last admin is refused;</li>
 *   <li>disabling is allowed for the last admin too: it is how a compromised sole admin is locked out, and
 *       the disabled admin still counts as the account's admin, so re-enabling restores the account.</li>
 * </ul>
 * Changes to who a user is (role, account, disabling) end the user's sessions: {@link #endsSessions}.
 */
public final class UserAdministrationPolicy {

    private UserAdministrationPolicy() {
    }

    /**
     * A requested change; empty parts stay as they are.
     */
    public record Change(Optional<Role> role, Optional<AccountId> account, Optional<UserStatus> status) {
        public Change {
            Required.nonNull("role", role, "account", account, "status", status);
            if (role.isEmpty() && account.isEmpty() && status.isEmpty()) {
                throw new InvalidInput("body", "must name at least one of role, accountId, status");
            }
        }
    }

    /**
     * The user after the change, when it is allowed.
     *
     * @param adminsInAccount how many users of the target's current account have at least the account admin
     *                        role (the target included), read under the account's lock
     * @throws NotPermitted      for root users and for the root role
     * @throws LastAdminRequired when the target's account would be left without an admin
     */
    public static User apply(User target, Change change, long adminsInAccount) {
        requireNotRoot(target);
        if (change.role().filter(r -> r == Role.ROOT).isPresent()) {
            throw new NotPermitted("the root role is granted only by the operator");
        }
        User changed = target;
        if (change.role().isPresent()) {
            changed = changed.withRole(change.role().get());
        }
        if (change.account().isPresent()) {
            changed = changed.withAccount(change.account().get());
        }
        if (change.status().isPresent()) {
            changed = changed.withStatus(change.status().get());
        }
        boolean wasAdmin = target.role().isAtLeast(Role.ACCOUNT_ADMIN);
        boolean staysAdminOfTheAccount = changed.role().isAtLeast(Role.ACCOUNT_ADMIN)
                && changed.accountId().equals(target.accountId());
        if (wasAdmin && !staysAdminOfTheAccount && adminsInAccount <= 1) {
            throw new LastAdminRequired();
        }
        return changed;
    }

    /**
     * @param adminsInAccount as for {@link #apply}
     * @throws NotPermitted      for root users
     * @throws LastAdminRequired when the target is the last admin of an account that has other members (the last
     *                           member takes the account with them)
     */
    public static void checkCanDelete(User target, long adminsInAccount, long membersInAccount) {
        requireNotRoot(target);
        if (target.role().isAtLeast(Role.ACCOUNT_ADMIN) && adminsInAccount <= 1 && membersInAccount > 1) {
            throw new LastAdminRequired("the last admin of an account that has other members cannot be deleted:"
                    + " make another member an admin first");
        }
    }

    /**
     * Whether going from {@code before} to {@code after} ends the user's sessions: a new role or account (a
     * token carries both), or being disabled. Enabling ends nothing: a disabled user had no sessions left.
     */
    public static boolean endsSessions(User before, User after) {
        return before.role() != after.role() || !before.accountId().equals(after.accountId())
                || (after.status() == UserStatus.DISABLED && before.status() != UserStatus.DISABLED);
    }

    private static void requireNotRoot(User target) {
        if (target.role() == Role.ROOT) {
            throw new NotPermitted("the tenant's root user is managed only by the operator");
        }
    }
}
