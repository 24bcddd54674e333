package dev.gatehouse.application.invitations.port.out;

import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.invitation.Invitation;
import dev.gatehouse.domain.invitation.InvitationId;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Pending invitations. Tenants are isolated in every method. An account holds at most one invitation per address
 * (sending again replaces it); a token hash names at most one invitation. Accepting and revoking delete the row, so a
 * used or revoked link finds nothing; expired rows stay until housekeeping deletes them
 * ({@code HousekeepingStore.deleteInvitationsExpiredBefore}). Every method joins the caller's unit of work.
 */
public interface InvitationRepository {

    /**
     * Stores a new invitation.
     *
     * @throws RuntimeException when the account has an invitation for the address already (the caller looks first,
     *                          under the account's lock), or the id or token hash is taken
     */
    void insert(Invitation invitation);

    /**
     * Replaces the token hash, role, inviter and expiry of the stored invitation with this one's id (sent again); false
     * when it no longer exists.
     */
    boolean replace(Invitation invitation);

    Optional<Invitation> findById(TenantId tenant, InvitationId id);

    /** The invitation whose token has this hash, expired or not (the caller checks). */
    Optional<Invitation> findByTokenHash(TenantId tenant, String tokenHash);

    /** The account's invitation for this address, expired or not. */
    Optional<Invitation> findByAddress(TenantId tenant, AccountId account, EmailAddress email);

    /**
     * One page of the account's invitations that are pending at {@code now} (expiring after it), in creation order
     * ({@code created}, then id), strictly after {@code after} when given: keyset pagination.
     *
     * @param limit 1 to 100
     */
    List<Invitation> findPending(TenantId tenant, AccountId account, Instant now, Optional<Position> after, int limit);

    /**
     * Deletes and returns the invitation with this id while its token hash is still {@code tokenHash}, expired or not
     * (the caller checks): one conditional delete, so of concurrent takers (in any process) exactly one gets it, and a
     * link replaced by a newer one is taken by nobody.
     */
    Optional<Invitation> take(TenantId tenant, InvitationId id, String tokenHash);

    /** Deletes the invitation (revoked); false when there was none in the tenant. */
    boolean delete(TenantId tenant, InvitationId id);

    /** Deletes every invitation to the account (before the account itself is deleted); answers how many. */
    int deleteAllOfAccount(TenantId tenant, AccountId account);

    /** Deletes every invitation the user sent (when that user is deleted, if the caller so decides); how many. */
    int deleteAllInvitedBy(TenantId tenant, UserId inviter);

    /** Deletes every invitation to the address, in any account of the tenant (erasing a deleted user's address). */
    int deleteAllTo(TenantId tenant, EmailAddress email);

    /** Where a page ended: the last invitation's creation time and id. */
    record Position(Instant created, InvitationId id) {
    }
}
