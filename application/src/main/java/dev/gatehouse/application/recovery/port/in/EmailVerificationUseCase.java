package dev.gatehouse.application.recovery.port.in;

import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.User;
import java.util.Optional;

/** Proof that a user reads the mailbox of their address (docs/recovery.md). */
public interface EmailVerificationUseCase {

    /**
     * Mails the signed-in user a verification code and link (to {@code redirectUrl}, or the tenant's first
     * allowed redirect URL); nothing when the address is verified already.
     *
     * @return true when a mail was queued
     * @throws dev.gatehouse.domain.error.InvalidInput when {@code redirectUrl} is not an allowed redirect URL
     */
    boolean send(Principal principal, Optional<String> redirectUrl, ClientInfo client);

    /**
     * Marks the address of the code's user verified; the code works once.
     *
     * @throws dev.gatehouse.domain.error.InvalidCode for an unknown, used or expired code
     */
    User verify(TenantId tenantId, String code, ClientInfo client);
}
