package dev.gatehouse.application.emailchange.port.in;

import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.User;

/**
 * A signed-in user moves their own account to another address, confirmed by a code mailed there (docs/users.md,
 * docs/adr/0027-email-change.md). One flow around one code: start it, then confirm it. Both act only on the
 * principal's own user.
 */
public interface ChangeEmailUseCase {

    /**
     * The native start: needs step-up (a proof of the user within the re-authentication window). Mails a code to
     * {@code email} when no account has it, a notice to its owner when one does (the answer is the same), and a notice
     * to the user's current address either way; replaces the user's earlier pending change.
     *
     * @throws dev.gatehouse.domain.error.ReauthenticationRequired outside the re-authentication window
     * @throws dev.gatehouse.domain.error.InvalidInput when {@code email} is the user's address already
     * @throws dev.gatehouse.domain.error.RateLimited over the recovery mail limits of the source or either address
     */
    void start(StartCommand command);

    /**
     * StaticBackend's {@code POST /me/email}: the same, without step-up (its clients cannot re-authenticate); the code
     * to the new mailbox and the notice to the current one stand in for it.
     */
    void startCompat(StartCommand command);

    /**
     * Switches the user to the pending change's address, verified, with the code mailed there: ends the user's other
     * sessions (the caller's stays), kills the one-time codes of both addresses, and mails the old address a notice
     * with a link that undoes the change for 7 days.
     *
     * @return the user as changed
     * @throws dev.gatehouse.domain.error.InvalidCode for a wrong, expired or exhausted code, or no pending change
     * @throws dev.gatehouse.domain.error.EmailAlreadyInUse when another account took the address meanwhile
     */
    User confirm(ConfirmCommand command);

    record StartCommand(Principal principal, EmailAddress email, ClientInfo client) {
    }

    record ConfirmCommand(Principal principal, String code, ClientInfo client) {
    }
}
