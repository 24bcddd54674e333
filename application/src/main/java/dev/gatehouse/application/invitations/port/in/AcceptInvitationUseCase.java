package dev.gatehouse.application.invitations.port.in;

import dev.gatehouse.application.port.in.SignInOutcome;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.Password;
import java.util.Optional;

/**
 * Accepting an invitation with the token of its link, once. For an address without a user in the tenant it creates
 * the user in the inviting account, with the invited role and the address verified (the mail proved the mailbox),
 * with the given password or none. For an address that has a user, see
 * docs/adr/0026-invitations-for-existing-users.md: only that user, signed in ({@code signedIn}), whose account has no
 * other member, moves to the inviting account. Either way the answer is what a sign-in answers, through the session
 * gate.
 */
public interface AcceptInvitationUseCase {

    SignInOutcome accept(Command command);

    /**
     * @param password the new user's password (the tenant's policy and screening apply); empty: none, the user signs
     *                 in by magic link, provider or after a reset. Ignored for an existing user.
     * @param signedIn the caller's verified access token, when the request carried one
     */
    record Command(TenantId tenantId, String token, Optional<Password> password, Optional<Principal> signedIn,
                   ClientInfo client, TokenProfile profile) {
        @Override
        public String toString() {
            return "AcceptInvitationUseCase.Command[tenant=" + tenantId + "]";
        }
    }
}
