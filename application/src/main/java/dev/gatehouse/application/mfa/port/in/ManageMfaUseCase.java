package dev.gatehouse.application.mfa.port.in;

import dev.gatehouse.domain.mfa.RecoveryCode;
import dev.gatehouse.domain.mfa.TotpCode;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;
import java.util.List;
import java.util.Optional;

/** A signed-in user's own second factors: what is on, turning TOTP off, new recovery codes (the factors' CRUD). */
public interface ManageMfaUseCase {

    Status status(Principal principal);

    /**
     * Turns TOTP off (and voids the recovery codes) with a current code or an unused recovery code; mails a notice.
     *
     * @throws dev.gatehouse.domain.error.ReauthenticationRequired for a session outside the step-up window
     * @throws dev.gatehouse.domain.error.InvalidCode for a wrong or used code
     * @throws dev.gatehouse.domain.error.MfaConflict when TOTP is not on
     */
    void disable(Principal principal, DisableCommand command);

    /**
     * Ten new recovery codes for a current TOTP code; the old ones stop working.
     *
     * @throws dev.gatehouse.domain.error.ReauthenticationRequired for a session outside the step-up window
     */
    List<RecoveryCode> renewRecoveryCodes(Principal principal, RenewCommand command);

    record DisableCommand(Optional<TotpCode> code, Optional<RecoveryCode> recoveryCode, ClientInfo client) {
    }

    record RenewCommand(TotpCode code, ClientInfo client) {
    }

    /** Which factors are on, whether an enrolment is pending, and how many recovery codes are left unused. */
    record Status(boolean totpEnabled, boolean totpPending, int recoveryCodesLeft) {
    }
}
