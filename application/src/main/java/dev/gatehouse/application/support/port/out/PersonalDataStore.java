package dev.gatehouse.application.support.port.out;

import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.UserId;

/**
 * The one place that knows every table holding a user's personal data, so that deleting a user leaves nothing of
 * them behind (docs/adr/0025-personal-data-on-deletion.md). Joins the caller's unit of work: the deletion of the
 * user row, the revocation of their sessions and this erasure commit or roll back together.
 */
public interface PersonalDataStore {
    /**
     * Erases what remains of a user whose row is being deleted in this unit of work, after their sessions were
     * revoked: the refresh grants of those sessions, the sessions' client address and user agent (the revoked rows
     * stay as revocation records until they expire, without anything personal), one-time codes, unfinished provider
     * sign-ins, the invitations the user sent and those to their address, mails to the address (pending or sent), and the address in audit details (events keep the user's id
     * only). Provider identities, second factors and MFA challenges go with the user row itself (the store deletes
     * them with it).
     */
    Erased eraseUser(TenantId tenant, UserId user, EmailAddress email);

    /** Deletes the account when no user belongs to it any more; true when it did. */
    boolean deleteAccountIfEmpty(TenantId tenant, AccountId account);

    /** What {@link #eraseUser} removed, for the audit event of the deletion. */
    record Erased(int refreshGrants, int codes, int invitations, int mails, int auditDetailsRedacted) {
    }
}
