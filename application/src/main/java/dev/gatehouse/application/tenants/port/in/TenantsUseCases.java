package dev.gatehouse.application.tenants.port.in;

/** The tenants feature's use cases: resolving a tenant, root authority, provisioning and settings. */
public interface TenantsUseCases {
    ResolveTenantUseCase resolveTenant();

    ListAllowedOriginsUseCase allowedOrigins();

    AuthenticateRootUseCase authenticateRoot();

    ProvisionTenantUseCase provisionTenant();

    TenantSettingsUseCase tenantSettings();

    SeedDevTenantUseCase seedDevTenant();
}
