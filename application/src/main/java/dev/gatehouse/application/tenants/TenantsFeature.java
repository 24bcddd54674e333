package dev.gatehouse.application.tenants;

import dev.gatehouse.application.port.out.AccountRepository;
import dev.gatehouse.application.port.out.TenantRepository;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.application.support.Credentials;
import dev.gatehouse.application.support.Essentials;
import dev.gatehouse.application.tenants.port.in.AuthenticateRootUseCase;
import dev.gatehouse.application.tenants.port.in.ListAllowedOriginsUseCase;
import dev.gatehouse.application.tenants.port.in.ProvisionTenantUseCase;
import dev.gatehouse.application.tenants.port.in.ResolveTenantUseCase;
import dev.gatehouse.application.tenants.port.in.SeedDevTenantUseCase;
import dev.gatehouse.application.tenants.port.in.TenantSettingsUseCase;
import dev.gatehouse.application.tenants.port.in.TenantsUseCases;

/** Wires the tenants feature; {@link #directory()} is the cached tenant lookup the other features share. */
public final class TenantsFeature implements TenantsUseCases {
    private final TenantDirectory directory;
    private final RootAuthService rootAuth;
    private final TenantProvisioningService provisioning;
    private final TenantSettingsService settings;
    private final SeedDevTenantService seedDevTenant;

    public TenantsFeature(TenantRepository tenants, AccountRepository accounts, UserRepository users,
                          Credentials credentials, Essentials essentials) {
        boolean devMode = essentials.settings().devMode();
        this.directory = new TenantDirectory(tenants, essentials.settings().tenantCacheTtl());
        this.rootAuth = new RootAuthService(tenants, directory, devMode);
        this.provisioning = new TenantProvisioningService(tenants, accounts, users, credentials.hasher(),
                essentials.secrets(), essentials.transactions(), essentials.clock(), essentials.ids(),
                essentials.audit(), credentials.commonPasswords());
        this.settings = new TenantSettingsService(tenants, directory, essentials.transactions(), essentials.audit(),
                essentials.clock(), devMode);
        this.seedDevTenant = new SeedDevTenantService(tenants, accounts, users, credentials.hasher(),
                essentials.transactions(), essentials.clock(), essentials.ids());
    }

    public TenantDirectory directory() {
        return directory;
    }

    @Override
    public ResolveTenantUseCase resolveTenant() {
        return directory;
    }

    @Override
    public ListAllowedOriginsUseCase allowedOrigins() {
        return directory;
    }

    @Override
    public AuthenticateRootUseCase authenticateRoot() {
        return rootAuth;
    }

    @Override
    public ProvisionTenantUseCase provisionTenant() {
        return provisioning;
    }

    @Override
    public TenantSettingsUseCase tenantSettings() {
        return settings;
    }

    @Override
    public SeedDevTenantUseCase seedDevTenant() {
        return seedDevTenant;
    }
}
