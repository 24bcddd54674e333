package dev.gatehouse.application.fakes;

import dev.gatehouse.application.port.out.SigningKeyStore;
import dev.gatehouse.domain.tenant.TenantId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

public final class InMemorySigningKeyStore implements SigningKeyStore {
    private final List<StoredSigningKey> keys = new ArrayList<>();

    @Override
    public synchronized StoredSigningKey insertActiveIfAbsent(StoredSigningKey key) {
        List<StoredSigningKey> existing = findByTenant(key.tenantId());
        if (!existing.isEmpty()) {
            return existing.get(0);
        }
        keys.add(key);
        return key;
    }

    @Override
    public synchronized List<StoredSigningKey> findByTenant(TenantId tenantId) {
        return keys.stream().filter(k -> k.tenantId().equals(tenantId))
                .sorted(Comparator.comparing(StoredSigningKey::created).reversed()).toList();
    }
}
