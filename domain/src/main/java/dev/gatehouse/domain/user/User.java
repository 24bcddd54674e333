package dev.gatehouse.domain.user;

import dev.gatehouse.domain.Required;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.tenant.TenantId;
import java.time.Instant;

/**
 * A person who signs in. Belongs to exactly one account of one tenant. {@code emailVerified} says that
 * the user proved control of the address (a verification code, a magic link or a password reset).
 * {@code securityStamp} changes with every change that ends the user's sessions (see {@link SecurityStamp}).
 */
public record User(UserId id, TenantId tenantId, AccountId accountId, EmailAddress email, PasswordHash passwordHash,
                   Role role, Instant created, UserStatus status, boolean emailVerified, SecurityStamp securityStamp,
                   UserProfile profile) {

    /** A user without a profile yet. */
    public User(UserId id, TenantId tenantId, AccountId accountId, EmailAddress email, PasswordHash passwordHash,
                Role role, Instant created, UserStatus status, boolean emailVerified, SecurityStamp securityStamp) {
        this(id, tenantId, accountId, email, passwordHash, role, created, status, emailVerified, securityStamp,
                UserProfile.EMPTY);
    }

    /** A new user: the initial stamp. */
    public User(UserId id, TenantId tenantId, AccountId accountId, EmailAddress email, PasswordHash passwordHash,
                Role role, Instant created, UserStatus status, boolean emailVerified) {
        this(id, tenantId, accountId, email, passwordHash, role, created, status, emailVerified, SecurityStamp.INITIAL);
    }

    /** A user whose address is not verified yet. */
    public User(UserId id, TenantId tenantId, AccountId accountId, EmailAddress email, PasswordHash passwordHash,
                Role role, Instant created, UserStatus status) {
        this(id, tenantId, accountId, email, passwordHash, role, created, status, false);
    }

    public User {
        Required.nonNull("id", id, "tenant id", tenantId, "account id", accountId, "email", email,
                "password hash", passwordHash, "role", role, "created", created, "status", status,
                "security stamp", securityStamp, "profile", profile);
    }

    /** The first user of a freshly opened account administers it. */
    public static User registerAsAccountOwner(UserId id, TenantId tenantId, AccountId accountId, EmailAddress email,
                                              PasswordHash hash, Instant now) {
        return new User(id, tenantId, accountId, email, hash, Role.ACCOUNT_ADMIN, now, UserStatus.ACTIVE);
    }

    /** The tenant's owner: role root, able to act on every account of the tenant. */
    public static User registerAsTenantRoot(UserId id, TenantId tenantId, AccountId accountId, EmailAddress email,
                                            PasswordHash hash, Instant now) {
        return new User(id, tenantId, accountId, email, hash, Role.ROOT, now, UserStatus.ACTIVE);
    }

    public static User restore(UserId id, TenantId tenantId, AccountId accountId, EmailAddress email,
                               PasswordHash hash, Role role, Instant created, UserStatus status) {
        return new User(id, tenantId, accountId, email, hash, role, created, status, false);
    }

    public static User restore(UserId id, TenantId tenantId, AccountId accountId, EmailAddress email,
                               PasswordHash hash, Role role, Instant created, UserStatus status, boolean emailVerified) {
        return new User(id, tenantId, accountId, email, hash, role, created, status, emailVerified);
    }

    public static User restore(UserId id, TenantId tenantId, AccountId accountId, EmailAddress email,
                               PasswordHash hash, Role role, Instant created, UserStatus status, boolean emailVerified,
                               SecurityStamp securityStamp) {
        return new User(id, tenantId, accountId, email, hash, role, created, status, emailVerified, securityStamp);
    }

    public static User restore(UserId id, TenantId tenantId, AccountId accountId, EmailAddress email,
                               PasswordHash hash, Role role, Instant created, UserStatus status, boolean emailVerified,
                               SecurityStamp securityStamp, UserProfile profile) {
        return new User(id, tenantId, accountId, email, hash, role, created, status, emailVerified, securityStamp,
                profile);
    }

    public boolean maySignIn() {
        return status == UserStatus.ACTIVE;
    }

    /** The same user in another account (of the same tenant: the caller checks, the store enforces). */
    public User withAccount(AccountId newAccount) {
        return new User(id, tenantId, newAccount, email, passwordHash, role, created, status, emailVerified, securityStamp,
                profile);
    }

    /** The same user, enabled or disabled. */
    public User withStatus(UserStatus newStatus) {
        return new User(id, tenantId, accountId, email, passwordHash, role, created, newStatus, emailVerified, securityStamp,
                profile);
    }

    /** The same user with a new hash (rehash on sign-in when the stored parameters are outdated). */
    public User withPasswordHash(PasswordHash newHash) {
        return new User(id, tenantId, accountId, email, newHash, role, created, status, emailVerified, securityStamp,
                profile);
    }

    /** The same user with another role. */
    public User withRole(Role newRole) {
        return new User(id, tenantId, accountId, email, passwordHash, newRole, created, status, emailVerified, securityStamp,
                profile);
    }

    /** The same user with the address marked as verified. */
    public User withEmailVerified() {
        return new User(id, tenantId, accountId, email, passwordHash, role, created, status, true, securityStamp,
                profile);
    }

    /** The same user at another address, proved (a confirmed email change, or one undone from the old address). */
    public User withVerifiedEmail(EmailAddress newEmail) {
        return new User(id, tenantId, accountId, newEmail, passwordHash, role, created, status, true, securityStamp,
                profile);
    }

    /** The same user after one more session-ending change. */
    public User withNextStamp() {
        return new User(id, tenantId, accountId, email, passwordHash, role, created, status, emailVerified,
                securityStamp.next(), profile);
    }

    /** The same user with another profile (not a session-ending change). */
    public User withProfile(UserProfile newProfile) {
        return new User(id, tenantId, accountId, email, passwordHash, role, created, status, emailVerified,
                securityStamp, newProfile);
    }

    /** The same user with another address, verified or not (an email change confirmed or reverted). */
    public User withEmail(EmailAddress newEmail, boolean verified) {
        return new User(id, tenantId, accountId, newEmail, passwordHash, role, created, status, verified,
                securityStamp, profile);
    }
}
