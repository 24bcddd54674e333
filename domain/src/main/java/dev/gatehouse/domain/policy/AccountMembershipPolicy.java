package dev.gatehouse.domain.policy;

import dev.gatehouse.domain.error.LastAdminRequired;
import dev.gatehouse.domain.error.NotPermitted;
import dev.gatehouse.domain.error.UserNotFound;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.user.User;

/**
 * Who may see and change the members of an account. The caller is always a principal of the same
 * tenant (other tenants' users are never loaded). Rules:
 * <ul>
 *   <li>members see their own account; the tenant's root user sees every account;</li>
 *   <li>account admins (and root) add, remove and change the roles of users of their own account
 *       (root: of any account);</li>
 *   <li>nobody acts on a user whose role is higher than their own, nor grants a role above their own;
 *       root is never granted here (only by the operator's tools);</li>
 *   <li>an account keeps at least one admin.</li>
 * </ul>
 * A user of another account is reported as not found (not "forbidden") to anyone but root, so ids of
 * other accounts' users reveal nothing.
 */
public final class AccountMembershipPolicy {

    private AccountMembershipPolicy() {
    }

    /**
     * The acting user as their stored row says now, which decides every change to an account instead of the
     * token's claims: read in the transaction of the change, after the account locks that every change of a
     * user's role, account, status or existence takes, so a demoted, moved, disabled or removed admin's token
     * that is still accepted (its revocation not yet seen here) acts with the rights the user has now.
     *
     * @param stored the actor's user row, read in the change's transaction; empty when it no longer exists
     * @return the principal with the stored role
     * @throws NotPermitted when the user no longer exists, may not sign in, or left the token's account
     */
    public static Principal asStoredNow(Principal claimed, java.util.Optional<User> stored) {
        User now = stored.filter(User::maySignIn).filter(u -> u.accountId().equals(claimed.accountId()))
                .orElseThrow(() -> new NotPermitted("your user changed since this token was issued; sign in again"));
        return new Principal(claimed.tenantId(), claimed.userId(), claimed.accountId(), now.role(),
                claimed.sessionId(), claimed.tokenId(), claimed.issuedAt(), claimed.expiresAt());
    }

    /** The acting user, as {@link TargetUserPolicy} sees them. */
    public static Actor actor(Principal principal) {
        return new Actor.Member(principal.userId(), principal.role());
    }

    /** May the caller list the members of the given account? */
    public static void checkCanView(Principal actor, dev.gatehouse.domain.account.AccountId account) {
        if (!actor.accountId().equals(account) && actor.role() != Role.ROOT) {
            throw new UserNotFound();
        }
    }

    /** May the caller see this user at all (same account, or root)? */
    public static void checkVisible(Principal actor, User target) {
        if (!actor.accountId().equals(target.accountId()) && actor.role() != Role.ROOT) {
            throw new UserNotFound();
        }
    }

    /** May the caller add a user with {@code role} to the given account? */
    public static void checkCanAdd(Principal actor, dev.gatehouse.domain.account.AccountId account, Role role) {
        checkCanView(actor, account);
        requireAdmin(actor);
        checkGrantable(actor, role);
    }

    /** May the caller remove {@code target}, who is one of {@code adminsInAccount} admins' account members? */
    public static void checkCanRemove(Principal actor, User target, long adminsInAccount) {
        checkVisible(actor, target);
        requireAdmin(actor);
        requireNotHigher(actor, target);
        if (target.role().isAtLeast(Role.ACCOUNT_ADMIN) && adminsInAccount <= 1) {
            throw new LastAdminRequired();
        }
    }

    /** May the caller give {@code target} the role {@code newRole}? */
    public static void checkCanChangeRole(Principal actor, User target, Role newRole, long adminsInAccount) {
        checkVisible(actor, target);
        requireAdmin(actor);
        requireNotHigher(actor, target);
        checkGrantable(actor, newRole);
        boolean demotesAnAdmin = target.role().isAtLeast(Role.ACCOUNT_ADMIN) && !newRole.isAtLeast(Role.ACCOUNT_ADMIN);
        if (demotesAnAdmin && adminsInAccount <= 1) {
            throw new LastAdminRequired();
        }
    }

    private static void requireAdmin(Principal actor) {
        if (!actor.role().isAtLeast(Role.ACCOUNT_ADMIN)) {
            throw new NotPermitted("only account admins may manage the account's users");
        }
    }

    private static void requireNotHigher(Principal actor, User target) {
        if (target.role().level() > actor.role().level()) {
            throw new NotPermitted("you cannot act on a user whose role is higher than yours");
        }
    }

    private static void checkGrantable(Principal actor, Role role) {
        if (role == Role.ROOT) {
            throw new NotPermitted("the root role is granted only by the operator");
        }
        if (role.level() > actor.role().level()) {
            throw new NotPermitted("you cannot grant a role higher than your own");
        }
    }
}
