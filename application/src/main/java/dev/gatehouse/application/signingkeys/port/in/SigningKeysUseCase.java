package dev.gatehouse.application.signingkeys.port.in;

import dev.gatehouse.domain.tenant.TenantId;
import java.util.List;
import java.util.Optional;

/** Publishing and rotating the keys that sign access tokens. */
public interface SigningKeysUseCase {

    /** The public keys that verify tokens now (JWK JSON objects): of one tenant, or of all tenants. */
    List<String> publicKeys(Optional<TenantId> tenantId);

    /** Forces a rotation: of one tenant, or of every tenant that has a key. Returns how many rotated. */
    int rotateNow(Optional<TenantId> tenantId);

    /** Rotates the keys that reached the configured rotation age; returns how many rotated. */
    int rotateDueKeys();
}
