package dev.gatehouse.domain.invitation;

import dev.gatehouse.domain.Digests;
import dev.gatehouse.domain.Required;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * An address invited to join an account of a tenant with a role (docs/users.md, ADR 0026). The invitation travels
 * as a link holding a single-use token of 256 random bits; only the token's hex SHA-256 ({@code tokenHash}) is
 * kept. It is good for {@link #LIFETIME} and only once: accepting it, revoking it or sending it again (a new token)
 * ends the old link. {@code invitedBy} is the user who invited, empty when the tenant's root token or a secret key
 * did; it is a plain id (no reference), so deleting that user never depends on their invitations.
 *
 * <p>Nobody is invited as {@link Role#ROOT}: the tenant's owner is made only by the operator.
 */
public record Invitation(InvitationId id, TenantId tenantId, AccountId accountId, EmailAddress email, Role role,
                         String tokenHash, Optional<UserId> invitedBy, Instant created, Instant expiresAt) {
    /** How long a link is good after it was (last) sent. */
    public static final Duration LIFETIME = Duration.ofDays(7);

    public Invitation {
        Required.nonNull("id", id, "tenant id", tenantId, "account id", accountId, "email", email, "role", role,
                "token hash", tokenHash, "invited by", invitedBy, "created", created, "expires at", expiresAt);
        requireInvitable(role);
        if (!expiresAt.isAfter(created)) {
            throw new IllegalArgumentException("an invitation expires after it was made");
        }
    }

    /** A new invitation, good for {@link #LIFETIME} from {@code now}. */
    public static Invitation issue(InvitationId id, TenantId tenantId, AccountId accountId, EmailAddress email,
                                   Role role, String tokenHash, Optional<UserId> invitedBy, Instant now) {
        return new Invitation(id, tenantId, accountId, email, role, tokenHash, invitedBy, now, now.plus(LIFETIME));
    }

    /**
     * The same invitation sent again at {@code now}: a new token (the old link stops working), the role and inviter
     * of the latest invitation, good for {@link #LIFETIME} from now. The id and creation time stay.
     */
    public Invitation resent(String newTokenHash, Role newRole, Optional<UserId> newInvitedBy, Instant now) {
        return new Invitation(id, tenantId, accountId, email, newRole, newTokenHash, newInvitedBy, created,
                now.plus(LIFETIME));
    }

    /** Whether the link can still be accepted at {@code now} (the store forgets used and revoked ones). */
    public boolean isPendingAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    /** Whether {@code presentedHash} is this invitation's token hash, decided in constant time. */
    public boolean matches(String presentedHash) {
        return Digests.constantTimeEquals(tokenHash, presentedHash);
    }

    /** @throws InvalidInput naming {@code role} for {@link Role#ROOT}, which is never invited */
    public static void requireInvitable(Role role) {
        if (role == Role.ROOT) {
            throw new InvalidInput("role", "must be user or account_admin: the root role is never given by invitation");
        }
    }

    @Override
    public String toString() {
        return "Invitation[id=" + id + ", account=" + accountId + ", role=" + role + "]";
    }
}
