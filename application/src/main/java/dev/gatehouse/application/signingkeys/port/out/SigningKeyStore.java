package dev.gatehouse.application.signingkeys.port.out;

import dev.gatehouse.domain.Required;
import dev.gatehouse.domain.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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

    /**
     * The tenant's keys: the active one first, then retired ones, newest first. Retired keys are returned
     * until they are purged; whether one still verifies is {@link StoredSigningKey#verifies(Instant)}.
     */
    List<StoredSigningKey> findByTenant(TenantId tenantId);

    /** The keys of every tenant, in no particular order (the JWKS document of all tenants). */
    List<StoredSigningKey> findAll();

    /**
     * Makes {@code next} the tenant's active key, in one unit of work: the key active until now is
     * retired and keeps verifying until {@code previousVerifyUntil}. With no active key, {@code next}
     * simply becomes the active one.
     */
    void rotate(TenantId tenantId, StoredSigningKey next, Instant previousVerifyUntil);

    /** Tenants whose active key was created before {@code cutoff} (due for automatic rotation). */
    List<TenantId> tenantsWithActiveKeyCreatedBefore(Instant cutoff);

    /**
     * @param verifyUntil empty for the active key; for a retired key, the instant after which tokens
     *                    signed with it are refused
     */
    record StoredSigningKey(String keyId, TenantId tenantId, String algorithm, String publicKey,
                            byte[] encryptedPrivateKey, Instant created, Optional<Instant> verifyUntil) {
        public StoredSigningKey {
            Required.nonNull("key id", keyId, "tenant id", tenantId, "algorithm", algorithm, "public key", publicKey,
                    "encrypted private key", encryptedPrivateKey, "created", created, "verify until", verifyUntil);
            encryptedPrivateKey = encryptedPrivateKey.clone();
        }

        public boolean isActive() {
            return verifyUntil.isEmpty();
        }

        /** Whether tokens signed with this key may still be accepted at {@code now}. */
        public boolean verifies(Instant now) {
            return verifyUntil.map(now::isBefore).orElse(true);
        }

        @Override
        public byte[] encryptedPrivateKey() {
            return encryptedPrivateKey.clone();
        }
    }
}
