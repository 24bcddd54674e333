package dev.gatehouse.domain.apikey;

import dev.gatehouse.domain.Required;
import dev.gatehouse.domain.Texts;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A server-side API key ({@code sk_...}) of a tenant: acts with root authority on the tenant, limited to
 * its scopes. Only the key's hash is stored; {@code displayPrefix} (the first characters) lets people
 * recognise it in listings.
 */
public record SecretKey(UUID id, TenantId tenantId, String name, String displayPrefix, Set<Scope> scopes,
                        Instant created, Optional<Instant> lastUsedAt, Optional<Instant> revokedAt) {
    public static final int MAX_NAME_LENGTH = 100;

    public SecretKey {
        Required.nonNull("id", id, "tenant id", tenantId, "display prefix", displayPrefix, "created", created,
                "last used at", lastUsedAt, "revoked at", revokedAt);
        name = Texts.stripped("name", name, 0, MAX_NAME_LENGTH);
        if (scopes == null || scopes.isEmpty()) {
            throw new InvalidInput("scopes", "must name at least one scope");
        }
        scopes = Set.copyOf(scopes);
    }

    public boolean isLive() {
        return revokedAt.isEmpty();
    }
}
