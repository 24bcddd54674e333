package dev.gatehouse.application.mfa.port.in;

import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.domain.mfa.RecoveryCode;
import dev.gatehouse.domain.mfa.TotpCode;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.tenant.TenantId;
import java.util.Optional;

/** The second step of a sign-in: the {@code mfaToken} the first step gave, and a TOTP or recovery code. */
public interface VerifyMfaUseCase {

    /**
     * Opens the session the first step held back; the token is spent.
     *
     * @throws dev.gatehouse.domain.error.InvalidCode for a wrong or used code (the token lives on, up to 5 wrong codes)
     * @throws dev.gatehouse.domain.error.InvalidMfaToken for a token that is unknown, expired, spent or exhausted
     * @throws dev.gatehouse.domain.error.RateLimited over the user's cap of wrong codes across tokens
     */
    Authenticated verify(Command command);

    record Command(TenantId tenantId, String mfaToken, Optional<TotpCode> code, Optional<RecoveryCode> recoveryCode,
                   ClientInfo client, TokenProfile profile) {
        @Override
        public String toString() {
            return "VerifyMfaUseCase.Command[tenant=" + tenantId + "]";
        }
    }
}
