package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.error.EmailAlreadyInUse;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.PasswordHash;
import dev.gatehouse.domain.user.SecurityStamp;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;
import dev.gatehouse.domain.user.UserProfile;
import dev.gatehouse.domain.user.UserStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Users. Each {@code update...}, {@link #markEmailVerified} (the first time) and {@link #delete} is a change that
 * ends the user's sessions: it advances the user's {@link SecurityStamp} in the same statement, which also locks
 * the user's row until the unit of work ends. A caller that ends the user's sessions makes that change first and
 * revokes after it, so a sign-in that read the old stamp either stored its session before the change locked the
 * row (and the revocation that follows sees it) or finds the stamp changed ({@link #lockUnchanged}).
 */
public interface UserRepository {

    /**
     * Stores a new user.
     *
     * @throws EmailAlreadyInUse when the tenant already has a user with this email, also when the other
     *                           user is being inserted concurrently (enforced by the store, not by a prior read)
     */
    void insert(User user);

    Optional<User> findByEmail(TenantId tenantId, EmailAddress email);

    Optional<User> findById(TenantId tenantId, UserId id);

    /** Replaces the stored hash (a password set, changed, reset or removed); false when no such user exists in the tenant. */
    boolean updatePasswordHash(TenantId tenantId, UserId id, PasswordHash hash);

    /**
     * Replaces the hash of the same password by one with current parameters (a rehash on sign-in), only while the
     * stored hash is still {@code current}: a rehash never undoes a concurrent reset. Not a session-ending change:
     * the stamp stays. False when the hash was changed meanwhile or there is no such user.
     */
    boolean upgradePasswordHash(TenantId tenantId, UserId id, PasswordHash current, PasswordHash upgraded);

    /**
     * Locks the user's row until the unit of work ends, if the user still exists with this stamp; false (and no
     * lock) otherwise. A session is stored only after this returned true in the same unit of work: a session-ending
     * change that commits first makes it false (it waits for that change's lock, then sees the new stamp), and one
     * that comes later waits for this lock, so its revocation sees the session.
     */
    boolean lockUnchanged(TenantId tenantId, UserId id, SecurityStamp stamp);

    /**
     * One page of an account's users in creation order ({@code created}, then {@code id}), strictly after
     * {@code query.after()} when given: keyset pagination, never an offset.
     */
    List<User> findPageInAccount(TenantId tenantId, AccountId accountId, PageQuery query);

    /** How many users of the account have at least the given role. */
    long countInAccount(TenantId tenantId, AccountId accountId, Role atLeast);

    /**
     * One page of the tenant's users in creation order ({@code created}, then {@code id}), strictly after
     * {@code query.after()} when given, filtered as the query says: the admin listing. Keyset pagination.
     */
    List<User> findPageInTenant(TenantId tenantId, TenantPageQuery query);

    /** The account's first user (oldest {@code created}, then lowest id). */
    Optional<User> findOldestInAccount(TenantId tenantId, AccountId accountId);

    /** Sets the role; false when no such user exists in the tenant. */
    boolean updateRole(TenantId tenantId, UserId id, Role role);

    /**
     * Records that the user proved control of their address. Only the first proof changes anything (and the stamp);
     * true when this call made it, false when the address was already verified or there is no such user.
     */
    boolean markEmailVerified(TenantId tenantId, UserId id);

    /**
     * Gives the user another address, marked verified (an email change confirmed by a code mailed there, or undone
     * from the old address): a session-ending change. False when no such user exists in the tenant.
     *
     * @throws EmailAlreadyInUse when another user of the tenant has the address, also one being stored concurrently
     *                           (the store's unique index decides, not a prior read)
     */
    boolean updateEmail(TenantId tenantId, UserId id, EmailAddress verifiedEmail);

    /**
     * Moves the user to another account, which must belong to the same tenant (the store refuses otherwise);
     * false when no such user exists in the tenant.
     */
    boolean updateAccount(TenantId tenantId, UserId id, AccountId accountId);

    /**
     * Replaces the user's profile; false when no such user exists in the tenant. Not a session-ending change: the
     * stamp stays (what {@code GET /v1/me} shows of it is refreshed by the caller, ADR 0020).
     */
    boolean updateProfile(TenantId tenantId, UserId id, UserProfile profile);

    /** Enables or disables the user; false when no such user exists in the tenant. */
    boolean updateStatus(TenantId tenantId, UserId id, UserStatus status);

    /**
     * Deletes the user row only; false when there was none. The user's sessions stay (revoke them after, in the
     * same unit of work): the other processes' revocation feeds must still see them.
     */
    boolean delete(TenantId tenantId, UserId id);

    /**
     * @param role        only users with exactly this role, when given
     * @param emailPrefix only users whose (normalised) email starts with this, when given
     * @param after       the position of the last user of the previous page
     * @param limit       1 to 100
     */
    record PageQuery(Optional<Role> role, Optional<String> emailPrefix, Optional<Position> after, int limit) {
        public PageQuery {
            if (limit < 1 || limit > 100) {
                throw new IllegalArgumentException("limit must be between 1 and 100");
            }
        }
    }

    /**
     * The admin listing's query: like {@link PageQuery}, over the whole tenant or one account of it, and
     * optionally only users of one status.
     */
    record TenantPageQuery(Optional<AccountId> account, Optional<Role> role, Optional<UserStatus> status,
                           Optional<String> emailPrefix, Optional<Position> after, int limit) {
        public TenantPageQuery {
            if (limit < 1 || limit > 100) {
                throw new IllegalArgumentException("limit must be between 1 and 100");
            }
        }
    }

    /** Where a page ended: the last user's creation time and id. */
    record Position(Instant created, UserId id) {
    }
}
