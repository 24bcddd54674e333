package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.error.NotPermitted;
import dev.gatehouse.domain.tenant.TenantId;
import java.util.Objects;
import java.util.Set;

/**
 * Proof of tenant-wide, server-side authority: the tenant's root token (every scope) or one of its
 * secret keys (the key's scopes).
 */
public record RootAuthority(TenantId tenantId, Set<Scope> scopes) {
    public RootAuthority {
        Objects.requireNonNull(tenantId, "tenant id");
        scopes = Set.copyOf(scopes);
    }

    /** The root token's authority: every scope. */
    public RootAuthority(TenantId tenantId) {
        this(tenantId, Scope.ALL);
    }

    /** @throws NotPermitted when this authority lacks the scope */
    public void require(Scope scope) {
        if (!scopes.contains(scope)) {
            throw new NotPermitted("this key lacks the '" + scope.wireName() + "' scope");
        }
    }
}
