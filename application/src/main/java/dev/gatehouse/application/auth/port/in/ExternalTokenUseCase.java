package dev.gatehouse.application.auth.port.in;

import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.User;

/**
 * Accepts a token minted by an external issuer the tenant trusts (its settings' {@code externalIssuers}) and
 * maps it to the tenant's user named by the issuer's configured claim. Such a token has no Gatehouse session,
 * so it is accepted only where a session is not needed (documented in docs/tokens.md).
 */
public interface ExternalTokenUseCase {

    /** True when the tenant trusts at least one external issuer (callers skip the external path otherwise). */
    boolean trustsExternalIssuers(Tenant tenant);

    /**
     * @return the user; empty when the token does not name one of the tenant's external issuers (so the caller
     *         reports its own verdict on the token, e.g. that a Gatehouse token expired)
     * @throws dev.gatehouse.domain.error.Unauthenticated when it names a trusted issuer but fails verification,
     *         or no user who may sign in matches its claim
     */
    java.util.Optional<User> currentUser(Tenant tenant, String bearerToken);
}
