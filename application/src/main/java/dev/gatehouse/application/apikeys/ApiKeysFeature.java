package dev.gatehouse.application.apikeys;

import dev.gatehouse.application.apikeys.port.in.ApiKeysUseCase;
import dev.gatehouse.application.apikeys.port.out.SecretKeyRepository;
import dev.gatehouse.application.port.out.TenantRepository;
import dev.gatehouse.application.support.Essentials;
import dev.gatehouse.application.tenants.TenantsFeature;

/** Wires the API keys feature: a tenant's secret keys and its publishable key. */
public final class ApiKeysFeature {
    private final ApiKeysService apiKeys;

    public ApiKeysFeature(TenantsFeature tenants, TenantRepository tenantStore, SecretKeyRepository secretKeys,
                          Essentials essentials) {
        this.apiKeys = new ApiKeysService(secretKeys, tenantStore, tenants.directory(), essentials);
    }

    public ApiKeysUseCase apiKeys() {
        return apiKeys;
    }
}
