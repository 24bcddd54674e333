package dev.gatehouse.application.signingkeys;

import dev.gatehouse.application.signingkeys.port.in.SigningKeysUseCase;
import dev.gatehouse.application.signingkeys.port.out.SigningKeyManagement;
import dev.gatehouse.domain.tenant.TenantId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

record SigningKeysService(SigningKeyManagement keys, Duration rotationAge) implements SigningKeysUseCase {
    @Override
    public List<String> publicKeys(Optional<TenantId> tenantId) {
        return keys.publicJwks(tenantId);
    }

    @Override
    public int rotateNow(Optional<TenantId> tenantId) {
        if (tenantId.isPresent()) {
            keys.rotate(tenantId.get());
            return 1;
        }
        return keys.rotateKeysOlderThan(Duration.ZERO);
    }

    @Override
    public int rotateDueKeys() {
        return keys.rotateKeysOlderThan(rotationAge);
    }
}
