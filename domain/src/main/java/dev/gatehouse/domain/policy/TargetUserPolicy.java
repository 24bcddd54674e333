package dev.gatehouse.domain.policy;

import dev.gatehouse.domain.error.NotPermitted;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.user.User;

/**
 * The one rule for every action that names a target user, or mints a token for one
 * (docs/adr/0011-admin-user-management.md): reset codes, sudo tokens and impersonation, the admin user and
 * session routes, the account routes. A root (role 100) user, the tenant's owner, is acted on only by the tenant's
 * root token or by the operator; a secret key, whatever its scopes, and any user session are refused
 * ({@link NotPermitted}, 403), so a leaked {@code users:write} key cannot take the owner over. The same holds for
 * a token minted for an account: an account that holds a root user gets no token from anyone else.
 *
 * <p>Every use case that takes a target user calls this policy before it acts (held by a contract test over the
 * use cases and by an ArchUnit rule); the other policies add their own rules on top ({@link
 * UserAdministrationPolicy} keeps root users out of the admin routes altogether, {@link AccountMembershipPolicy}
 * keeps users off higher roles).
 */
public final class TargetUserPolicy {

    private TargetUserPolicy() {
    }

    /** @throws NotPermitted when {@code actor} may not act on {@code target} */
    public static void checkMayActOn(Actor actor, User target) {
        if (target.role() == Role.ROOT && !mayActOnRoot(actor)) {
            throw new NotPermitted(refusal(actor));
        }
    }

    /**
     * May {@code actor} mint a token for (act as) a user of an account that holds {@code rootUsers} root users?
     *
     * @throws NotPermitted when not
     */
    public static void checkMayActForAccount(Actor actor, long rootUsers) {
        if (rootUsers > 0 && !mayActOnRoot(actor)) {
            throw new NotPermitted(refusal(actor));
        }
    }

    /**
     * May {@code actor} act on whichever user a request names, without that user being looked up first (the dev
     * mailbox reads any address's mail, the root user's reset codes included)? Only those who may act on the root
     * user may.
     *
     * @throws NotPermitted when not
     */
    public static void checkMayActOnAnyUser(Actor actor) {
        if (!mayActOnRoot(actor)) {
            throw new NotPermitted(refusal(actor));
        }
    }

    private static boolean mayActOnRoot(Actor actor) {
        return switch (actor) {
            case Actor.TenantRootToken root -> true;
            case Actor.Operator operator -> true;
            case Actor.SecretKey key -> false;
            case Actor.Member member -> false;
        };
    }

    private static String refusal(Actor actor) {
        return switch (actor) {
            case Actor.SecretKey key -> "a secret key cannot act on the tenant's root user; use the root token";
            default -> "only the tenant's root token or the operator may act on the tenant's root user";
        };
    }
}
