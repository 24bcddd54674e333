package dev.gatehouse.application.sessions.port.out;

import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.tenant.TenantId;

/** Checks access tokens. */
public interface TokenVerifier {

    /**
     * Verifies signature, algorithm, issuer, audience (the tenant) and expiry.
     *
     * @throws Unauthenticated when any check fails, including a token issued for another tenant
     */
    Principal verify(TenantId audience, String token);
}
