package dev.gatehouse.application.emailchange.port.in;

import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.tenant.TenantId;

/** "This was not me": the link mailed to the old address undoes an email change (docs/adr/0027-email-change.md). */
public interface RevertEmailChangeUseCase {

    /**
     * Puts the old address back (verified), ends every session of the user, voids the reverts of later changes and
     * any pending change. The token works once.
     *
     * @throws dev.gatehouse.domain.error.InvalidCode for an unknown, used or expired token
     * @throws dev.gatehouse.domain.error.EmailAlreadyInUse when another account has the old address now
     */
    void revert(RevertCommand command);

    record RevertCommand(TenantId tenantId, String token, ClientInfo client) {
    }
}
