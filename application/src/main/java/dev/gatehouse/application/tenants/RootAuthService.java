package dev.gatehouse.application.tenants;

import dev.gatehouse.application.support.SecretHashing;

import dev.gatehouse.application.tenants.port.in.AuthenticateRootUseCase;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.application.tenants.port.in.SeedDevTenantUseCase;
import dev.gatehouse.application.port.out.TenantRepository;
import dev.gatehouse.domain.Digests;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantId;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Root tokens are compared through their SHA-256 with {@link MessageDigest#isEqual} (constant time). In
 * dev mode only, the dev tenant also accepts the published alias {@code safe-to-use-in-dev-root-token}.
 */
record RootAuthService(TenantRepository tenants, TenantDirectory directory, boolean devAliasEnabled)
        implements AuthenticateRootUseCase {
    static final String DEV_ROOT_TOKEN_ALIAS = "safe-to-use-in-dev-root-token";

    @Override
    public RootAuthority authenticateRoot(TenantId tenantId, String rootToken) {
        if (rootToken == null || rootToken.isBlank()) {
            throw new Unauthenticated(Unauthenticated.Reason.MISSING);
        }
        if (rootToken.length() > 200) {
            throw new Unauthenticated(Unauthenticated.Reason.INVALID);
        }
        if (devAliasEnabled && isDevTenant(tenantId) && Digests.constantTimeEquals(rootToken, DEV_ROOT_TOKEN_ALIAS)) {
            return new RootAuthority(tenantId);
        }
        Optional<String> stored = tenants.findRootTokenHash(tenantId);
        String presented = SecretHashing.sha256Hex(rootToken);
        if (stored.isEmpty() || !Digests.constantTimeEquals(presented, stored.get())) {
            throw new Unauthenticated(Unauthenticated.Reason.INVALID);
        }
        return new RootAuthority(tenantId);
    }

    private boolean isDevTenant(TenantId tenantId) {
        Tenant tenant = directory.require(tenantId);
        return SeedDevTenantUseCase.DEV_PUBLIC_KEY.equals(tenant.publicKey());
    }
}
