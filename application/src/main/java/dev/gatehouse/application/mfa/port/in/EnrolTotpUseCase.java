package dev.gatehouse.application.mfa.port.in;

import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.domain.mfa.RecoveryCode;
import dev.gatehouse.domain.mfa.TotpCode;
import dev.gatehouse.domain.session.ClientInfo;
import java.util.List;
import java.util.Optional;

/**
 * Enrolling an authenticator app (TOTP): {@link #begin} makes a pending secret, {@link #confirm} proves it with a
 * first code and turns the factor on. One flow over one secret's lifecycle, hence one port (ADR 0022).
 */
public interface EnrolTotpUseCase {

    /**
     * A new pending enrolment, replacing an earlier pending one.
     *
     * @throws dev.gatehouse.domain.error.EmailNotVerified when the user's address is not verified
     * @throws dev.gatehouse.domain.error.MfaConflict when TOTP is on already
     * @throws dev.gatehouse.domain.error.ReauthenticationRequired for a session outside the step-up window
     */
    Enrolment begin(MfaActor actor, ClientInfo client);

    /**
     * Turns TOTP on with the first right code of the pending secret: the user's other sessions end and a notice is
     * mailed. An {@link MfaActor.Enrolling} sign-in is completed: the answer carries its session.
     *
     * @throws dev.gatehouse.domain.error.InvalidCode for a wrong code
     * @throws dev.gatehouse.domain.error.MfaConflict when no enrolment is pending
     */
    Confirmed confirm(MfaActor actor, ConfirmCommand command);

    record ConfirmCommand(TotpCode code, ClientInfo client, TokenProfile profile) {
    }

    /** What the user's authenticator app needs: the secret (base32), its otpauth URI, and that URI as an SVG QR code. */
    record Enrolment(String secret, String otpauthUri, String qrSvg) {
        @Override
        public String toString() {
            return "Enrolment[hidden]";
        }
    }

    /** The new recovery codes, shown once; and the session, when the confirmation completed a sign-in. */
    record Confirmed(List<RecoveryCode> recoveryCodes, Optional<Authenticated> signedIn) {
        @Override
        public String toString() {
            return "Confirmed[" + recoveryCodes.size() + " codes, signedIn=" + signedIn.isPresent() + "]";
        }
    }
}
