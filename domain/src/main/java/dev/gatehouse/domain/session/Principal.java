package dev.gatehouse.domain.session;

import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.UserId;
import java.time.Instant;
import java.util.Objects;

/**
 * Who is acting, as proven by a verified access token: the token's claims in domain terms.
 * {@code sessionId} is the session the token belongs to (ending it ends the token); {@code tokenId} is
 * the token's unique id.
 */
public record Principal(TenantId tenantId, UserId userId, AccountId accountId, Role role, SessionId sessionId,
                        String tokenId, Instant issuedAt, Instant expiresAt) {
    public Principal {
        Objects.requireNonNull(tenantId, "tenant id");
        Objects.requireNonNull(userId, "user id");
        Objects.requireNonNull(accountId, "account id");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(sessionId, "session id");
        Objects.requireNonNull(tokenId, "token id");
        Objects.requireNonNull(issuedAt, "issued at");
        Objects.requireNonNull(expiresAt, "expires at");
    }
}
