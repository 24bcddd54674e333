package dev.gatehouse.domain.session;

import dev.gatehouse.domain.Required;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.UserId;
import java.time.Instant;

/**
 * Who is acting, as proven by a verified access token: the token's claims in domain terms.
 * {@code sessionId} is the session the token belongs to (ending it ends the token); {@code tokenId} is
 * the token's unique id.
 */
public record Principal(TenantId tenantId, UserId userId, AccountId accountId, Role role, SessionId sessionId,
                        String tokenId, Instant issuedAt, Instant expiresAt) {
    public Principal {
        Required.nonNull("tenant id", tenantId, "user id", userId, "account id", accountId, "role", role,
                "session id", sessionId, "token id", tokenId, "issued at", issuedAt, "expires at", expiresAt);
    }
}
