package dev.gatehouse.application.recovery.port.in;

import dev.gatehouse.application.port.in.RootAuthority;

import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import java.util.Optional;

/**
 * Password reset by a code sent to the user's address (docs/recovery.md). Requests are keyed by tenant,
 * email and client, so rate limits can wrap each call per IP and per address.
 */
public interface PasswordResetUseCase {

    /**
     * The native "forgot password": mails a reset code (and a link when {@code redirectUrl} or the tenant's
     * first allowed redirect URL gives one) when the address has a user; for an unknown address it does the
     * same work but sends nothing. Never tells which.
     *
     * @throws dev.gatehouse.domain.error.InvalidInput when {@code redirectUrl} is not one of the tenant's allowed
     *                                                 redirect URLs
     */
    void requestReset(RequestCommand command);

    /**
     * StaticBackend's root-only reset-code routes: a new code for the user, returned to the server that asked
     * and, when {@code mail} is true, also mailed to the user.
     *
     * @throws dev.gatehouse.domain.error.UserNotFound when the tenant has no user with this address
     */
    String issueCode(RootAuthority root, EmailAddress email, boolean mail, ClientInfo client);

    /**
     * Sets a new password with a valid code: ends all of the user's sessions, marks the address verified and
     * mails a "password changed" notice.
     *
     * @throws dev.gatehouse.domain.error.InvalidCode for an empty, wrong, used, expired or exhausted code
     * @throws dev.gatehouse.domain.error.PasswordRejected when the new password breaks the tenant's policy
     */
    void reset(ResetCommand command);

    record RequestCommand(TenantId tenantId, EmailAddress email, Optional<String> redirectUrl, ClientInfo client) {
    }

    record ResetCommand(TenantId tenantId, EmailAddress email, String code, Password newPassword, ClientInfo client) {
    }
}
