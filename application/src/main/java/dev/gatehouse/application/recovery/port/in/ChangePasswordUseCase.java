package dev.gatehouse.application.recovery.port.in;

import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.user.Password;

/** A signed-in user changes their password. */
public interface ChangePasswordUseCase {

    /**
     * Sets the new password when the current one is right: ends the user's other sessions (the one making
     * the change stays) and mails a "password changed" notice.
     *
     * @return how many other sessions ended
     * @throws dev.gatehouse.domain.error.InvalidInput when {@code currentPassword} is wrong
     * @throws dev.gatehouse.domain.error.PasswordRejected when the new password breaks the tenant's policy
     */
    int change(Principal principal, Password currentPassword, Password newPassword, ClientInfo client);
}
