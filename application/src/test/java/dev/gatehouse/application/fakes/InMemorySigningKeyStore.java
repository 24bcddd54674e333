package dev.gatehouse.application.fakes;

import dev.gatehouse.application.signingkeys.port.out.SigningKeyStore;
import dev.gatehouse.domain.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

public final class InMemorySigningKeyStore implements SigningKeyStore {
    private static final Comparator<StoredSigningKey> ACTIVE_THEN_NEWEST = Comparator
            .comparing((StoredSigningKey k) -> !k.isActive())
            .thenComparing(StoredSigningKey::created, Comparator.reverseOrder())
            .thenComparing(StoredSigningKey::keyId, Comparator.reverseOrder());

    private final List<StoredSigningKey> keys = new ArrayList<>();

    @Override
    public synchronized StoredSigningKey insertActiveIfAbsent(StoredSigningKey key) {
        Optional<StoredSigningKey> active = active(key.tenantId());
        if (active.isPresent()) {
            return active.get();
        }
        keys.add(key);
        return key;
    }

    @Override
    public synchronized List<StoredSigningKey> findByTenant(TenantId tenantId) {
        return keys.stream().filter(k -> k.tenantId().equals(tenantId)).sorted(ACTIVE_THEN_NEWEST).toList();
    }

    @Override
    public synchronized List<StoredSigningKey> findAll() {
        return List.copyOf(keys);
    }

    @Override
    public synchronized void rotate(TenantId tenantId, StoredSigningKey next, Instant previousVerifyUntil) {
        active(tenantId).ifPresent(old -> keys.set(keys.indexOf(old), new StoredSigningKey(old.keyId(),
                old.tenantId(), old.algorithm(), old.publicKey(), old.encryptedPrivateKey(), old.created(),
                Optional.of(previousVerifyUntil))));
        keys.add(next);
    }

    @Override
    public synchronized List<TenantId> tenantsWithActiveKeyCreatedBefore(Instant cutoff) {
        return keys.stream().filter(k -> k.isActive() && k.created().isBefore(cutoff))
                .map(StoredSigningKey::tenantId).toList();
    }

    private Optional<StoredSigningKey> active(TenantId tenantId) {
        return keys.stream().filter(k -> k.tenantId().equals(tenantId) && k.isActive()).findFirst();
    }
}
