package dev.gatehouse.application.tenants.port.in;

import dev.gatehouse.application.port.in.RootAuthority;

import dev.gatehouse.domain.tenant.TenantId;

/** Checks a root token presented to a tenant (compared through its hash, in constant time). */
public interface AuthenticateRootUseCase {

    /** @throws dev.gatehouse.domain.error.Unauthenticated when the token is missing or not this tenant's */
    RootAuthority authenticateRoot(TenantId tenantId, String rootToken);
}
