package dev.gatehouse.application.fakes;

import dev.gatehouse.application.port.out.TenantRepository;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class InMemoryTenantRepository implements TenantRepository, InMemoryStore {
    private Map<TenantId, Tenant> tenants = new LinkedHashMap<>();
    private Map<String, TenantId> keys = new LinkedHashMap<>();
    private Map<TenantId, String> rootTokenHashes = new LinkedHashMap<>();
    private Map<String, PublishableKey> extraKeys = new LinkedHashMap<>();
    private Map<String, TenantId> revokedOwners = new LinkedHashMap<>();

    @Override
    public synchronized void insert(Tenant tenant) {
        if (tenants.containsKey(tenant.id()) || keys.containsKey(tenant.publicKey())) {
            throw new IllegalStateException("duplicate tenant id or publishable key");
        }
        tenants.put(tenant.id(), tenant);
        keys.put(tenant.publicKey(), tenant.id());
    }

    @Override
    public synchronized Optional<Tenant> findById(TenantId id) {
        return Optional.ofNullable(tenants.get(id));
    }

    @Override
    public synchronized Optional<Tenant> findByPublishableKey(String publishableKey) {
        return Optional.ofNullable(keys.get(publishableKey)).map(tenants::get);
    }

    @Override
    public synchronized List<Tenant> findAll() {
        return tenants.values().stream().sorted(Comparator.comparing(Tenant::created)).toList();
    }

    @Override
    public synchronized void addPublishableKey(TenantId id, String publishableKey, java.time.Instant now) {
        if (!tenants.containsKey(id) || keys.containsKey(publishableKey) || extraKeys.containsKey(publishableKey)) {
            throw new IllegalStateException("unknown tenant or duplicate publishable key");
        }
        extraKeys.put(publishableKey, new PublishableKey(publishableKey, now, Optional.empty()));
        keys.put(publishableKey, id);
    }

    @Override
    public synchronized boolean revokePublishableKey(TenantId id, String publishableKey, java.time.Instant now) {
        if (!id.equals(keys.get(publishableKey))) {
            return false;
        }
        keys.remove(publishableKey);
        revokedOwners.put(publishableKey, id);
        PublishableKey extra = extraKeys.get(publishableKey);
        java.time.Instant created = extra != null ? extra.created() : tenants.get(id).created();
        extraKeys.put(publishableKey, new PublishableKey(publishableKey, created, Optional.of(now)));
        return true;
    }

    @Override
    public synchronized List<PublishableKey> findPublishableKeys(TenantId id) {
        List<PublishableKey> found = new java.util.ArrayList<>();
        Tenant tenant = tenants.get(id);
        if (tenant != null && !extraKeys.containsKey(tenant.publicKey())) {
            found.add(new PublishableKey(tenant.publicKey(), tenant.created(), Optional.empty()));
        }
        extraKeys.values().stream().filter(k -> id.equals(owner(k.key()))).forEach(found::add);
        found.sort(Comparator.comparing(PublishableKey::created));
        return found;
    }

    @Override
    public synchronized Optional<TenantId> findHolderOfPublishableKey(String publishableKey) {
        return Optional.ofNullable(owner(publishableKey));
    }

    private TenantId owner(String key) {
        TenantId live = keys.get(key);
        if (live != null) {
            return live;
        }
        return revokedOwners.get(key);
    }

    @Override
    public synchronized Optional<dev.gatehouse.domain.tenant.TenantSettings> findSettingsForUpdate(TenantId id) {
        return Optional.ofNullable(tenants.get(id)).map(Tenant::settings);
    }

    @Override
    public synchronized void updateSettings(TenantId id, dev.gatehouse.domain.tenant.TenantSettings settings) {
        Tenant tenant = tenants.get(id);
        if (tenant == null) {
            throw new IllegalStateException("no tenant " + id);
        }
        tenants.put(id, new Tenant(tenant.id(), tenant.name(), tenant.publicKey(), settings, tenant.created()));
    }

    @Override
    public synchronized void setRootTokenHash(TenantId id, String rootTokenHash) {
        if (!tenants.containsKey(id)) {
            throw new IllegalStateException("no tenant " + id);
        }
        rootTokenHashes.put(id, rootTokenHash);
    }

    @Override
    public synchronized Optional<String> findRootTokenHash(TenantId id) {
        return Optional.ofNullable(rootTokenHashes.get(id));
    }

    @Override
    public synchronized Object snapshot() {
        return List.of(new LinkedHashMap<>(tenants), new LinkedHashMap<>(keys), new LinkedHashMap<>(rootTokenHashes),
                new LinkedHashMap<>(extraKeys), new LinkedHashMap<>(revokedOwners));
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        List<Map<?, ?>> state = (List<Map<?, ?>>) snapshot;
        tenants = new LinkedHashMap<>((Map<TenantId, Tenant>) state.get(0));
        keys = new LinkedHashMap<>((Map<String, TenantId>) state.get(1));
        rootTokenHashes = new LinkedHashMap<>((Map<TenantId, String>) state.get(2));
        extraKeys = new LinkedHashMap<>((Map<String, PublishableKey>) state.get(3));
        revokedOwners = new LinkedHashMap<>((Map<String, TenantId>) state.get(4));
    }
}
