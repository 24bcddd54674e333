package dev.gatehouse.application.mfa.port.in;

import dev.gatehouse.domain.mfa.TotpCode;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.user.Password;
import java.util.Optional;

/** Step-up: the signed-in user proves again, with the password or a TOTP code, that it is them. */
public interface ReauthenticateUseCase {

    /**
     * Renews the step-up time of the caller's session.
     *
     * @throws dev.gatehouse.domain.error.InvalidInput for a wrong password (as a password change answers: the caller's
     *                                                session is fine), or for neither or both of password and code
     * @throws dev.gatehouse.domain.error.InvalidCode for a wrong or used code
     */
    void reauthenticate(Principal principal, Command command);

    record Command(Optional<Password> password, Optional<TotpCode> code, ClientInfo client) {
    }
}
