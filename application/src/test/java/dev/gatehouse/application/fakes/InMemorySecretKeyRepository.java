package dev.gatehouse.application.fakes;

import dev.gatehouse.application.apikeys.port.out.SecretKeyRepository;
import dev.gatehouse.domain.apikey.SecretKey;
import dev.gatehouse.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

public final class InMemorySecretKeyRepository implements SecretKeyRepository, InMemoryStore {
    private Map<String, SecretKey> byHash = new LinkedHashMap<>();

    @Override
    public synchronized void insert(SecretKey key, String keyHash) {
        if (byHash.containsKey(keyHash) || byHash.values().stream().anyMatch(k -> k.id().equals(key.id()))) {
            throw new IllegalStateException("duplicate secret key");
        }
        byHash.put(keyHash, key);
    }

    @Override
    public synchronized Optional<SecretKey> findByHash(String keyHash) {
        return Optional.ofNullable(byHash.get(keyHash));
    }

    @Override
    public synchronized List<SecretKey> findByTenant(TenantId tenantId) {
        return byHash.values().stream().filter(k -> k.tenantId().equals(tenantId))
                .sorted(Comparator.comparing(SecretKey::created).reversed()).toList();
    }

    @Override
    public synchronized boolean revoke(TenantId tenantId, UUID id, Instant now) {
        return replace(id, k -> k.tenantId().equals(tenantId) && k.isLive(),
                k -> new SecretKey(k.id(), k.tenantId(), k.name(), k.displayPrefix(), k.scopes(), k.created(),
                        k.lastUsedAt(), Optional.of(now)));
    }

    @Override
    public synchronized void touch(UUID id, Instant now) {
        replace(id, k -> true, k -> new SecretKey(k.id(), k.tenantId(), k.name(), k.displayPrefix(), k.scopes(),
                k.created(), Optional.of(now), k.revokedAt()));
    }

    private boolean replace(UUID id, java.util.function.Predicate<SecretKey> when,
                            java.util.function.UnaryOperator<SecretKey> change) {
        for (Map.Entry<String, SecretKey> entry : byHash.entrySet()) {
            if (entry.getValue().id().equals(id) && when.test(entry.getValue())) {
                entry.setValue(change.apply(entry.getValue()));
                return true;
            }
        }
        return false;
    }

    @Override
    public synchronized Object snapshot() {
        return new LinkedHashMap<>(byHash);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        byHash = new LinkedHashMap<>((Map<String, SecretKey>) snapshot);
    }
}
