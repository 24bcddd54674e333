package dev.gatehouse.application.apikeys.port.out;

import dev.gatehouse.domain.apikey.SecretKey;
import dev.gatehouse.domain.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Secret API keys, stored by the SHA-256 (hex) of the key; the key itself is never stored. */
public interface SecretKeyRepository {

    void insert(SecretKey key, String keyHash);

    /** The key with this hash, live or revoked, of any tenant (the key names its tenant). */
    Optional<SecretKey> findByHash(String keyHash);

    /** The tenant's keys, newest first, revoked ones included. */
    List<SecretKey> findByTenant(TenantId tenantId);

    /** Revokes a live key of the tenant; false when there is none with this id. */
    boolean revoke(TenantId tenantId, UUID id, Instant now);

    /** Records a use (coarse: callers write at most once a minute per key). */
    void touch(UUID id, Instant now);
}
