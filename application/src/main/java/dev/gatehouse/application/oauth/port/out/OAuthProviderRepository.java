package dev.gatehouse.application.oauth.port.out;

import dev.gatehouse.domain.oauth.OAuthProvider;
import dev.gatehouse.domain.tenant.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's sign-in providers, keyed by (tenant, name). The client secret is stored sealed with the master key
 * (bound to the tenant and the name) and read back in clear; it never leaves through any other way.
 */
public interface OAuthProviderRepository {

    /** Inserts or replaces the provider of that tenant and name. */
    void put(OAuthProvider provider);

    Optional<OAuthProvider> find(TenantId tenant, String name);

    /** By name. */
    List<OAuthProvider> list(TenantId tenant);

    /** @return whether there was one */
    boolean delete(TenantId tenant, String name);
}
