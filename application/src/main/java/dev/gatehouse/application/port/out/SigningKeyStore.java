package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Storage for token signing keys. The store only ever sees private keys already encrypted by the
 * token adapter (with the master key), so a leaked database does not leak signing keys.
 */
public interface SigningKeyStore {

    /**
     * Stores a key unless the tenant already has an active one; returns the tenant's active key
     * afterwards (the given one or the one that won a concurrent race).
     */
    StoredSigningKey insertActiveIfAbsent(StoredSigningKey key);

    /** All keys of a tenant that may still verify tokens, newest first. */
    List<StoredSigningKey> findByTenant(TenantId tenantId);

    record StoredSigningKey(String keyId, TenantId tenantId, String algorithm, String publicKey,
                            byte[] encryptedPrivateKey, Instant created) {
        public StoredSigningKey {
            Objects.requireNonNull(keyId, "key id");
            Objects.requireNonNull(tenantId, "tenant id");
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(publicKey, "public key");
            Objects.requireNonNull(encryptedPrivateKey, "encrypted private key");
            Objects.requireNonNull(created, "created");
            encryptedPrivateKey = encryptedPrivateKey.clone();
        }

        @Override
        public byte[] encryptedPrivateKey() {
            return encryptedPrivateKey.clone();
        }
    }
}
