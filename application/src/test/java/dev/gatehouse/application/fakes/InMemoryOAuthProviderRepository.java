package dev.gatehouse.application.fakes;

import dev.gatehouse.application.oauth.port.out.OAuthProviderRepository;
import dev.gatehouse.domain.oauth.OAuthProvider;
import dev.gatehouse.domain.tenant.TenantId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Tenants' sign-in providers in memory, keyed by tenant and name; each method is atomic (synchronized). */
public final class InMemoryOAuthProviderRepository implements OAuthProviderRepository, InMemoryStore {
    private record Key(TenantId tenant, String name) {
    }

    private Map<Key, OAuthProvider> providers = new HashMap<>();

    @Override
    public synchronized void put(OAuthProvider provider) {
        providers.put(new Key(provider.tenantId(), provider.name()), provider);
    }

    @Override
    public synchronized Optional<OAuthProvider> find(TenantId tenant, String name) {
        return Optional.ofNullable(providers.get(new Key(tenant, name)));
    }

    @Override
    public synchronized List<OAuthProvider> list(TenantId tenant) {
        return providers.values().stream().filter(p -> p.tenantId().equals(tenant))
                .sorted(Comparator.comparing(OAuthProvider::name)).toList();
    }

    @Override
    public synchronized boolean delete(TenantId tenant, String name) {
        return providers.remove(new Key(tenant, name)) != null;
    }

    @Override
    public synchronized Object snapshot() {
        return new HashMap<>(providers);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        providers = new HashMap<>((Map<Key, OAuthProvider>) snapshot);
    }
}
