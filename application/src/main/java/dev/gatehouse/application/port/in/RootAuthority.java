package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.tenant.TenantId;
import java.util.Objects;

/** Proof that the caller presented the tenant's root token: tenant-wide, server-side authority. */
public record RootAuthority(TenantId tenantId) {
    public RootAuthority {
        Objects.requireNonNull(tenantId, "tenant id");
    }
}
