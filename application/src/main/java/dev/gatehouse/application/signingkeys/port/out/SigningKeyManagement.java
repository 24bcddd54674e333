package dev.gatehouse.application.signingkeys.port.out;

import dev.gatehouse.domain.tenant.TenantId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The token adapter's key life cycle: rotation and the public half of every key that still verifies. */
public interface SigningKeyManagement {

    /** Gives the tenant a new active key; the old one keeps verifying the tokens it signed until they expire. */
    void rotate(TenantId tenantId);

    /** Rotates every tenant whose active key is older than {@code age}; returns how many were rotated. */
    int rotateKeysOlderThan(Duration age);

    /** Public keys as JWK JSON objects (with {@code kid}, {@code alg}, {@code use}): one tenant's, or all. */
    List<String> publicJwks(Optional<TenantId> tenantId);
}
