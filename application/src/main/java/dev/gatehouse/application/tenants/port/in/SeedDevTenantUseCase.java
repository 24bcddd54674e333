package dev.gatehouse.application.tenants.port.in;

import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantId;
import java.util.UUID;

/**
 * Dev mode only: makes sure the dev tenant exists (public key {@code dev_memory_pk}, root user
 * {@code admin@dev.com}). Idempotent: a second call changes nothing. Prod mode asks {@link #present()} to
 * refuse a database that holds it.
 */
public interface SeedDevTenantUseCase {

    /**
     * The dev tenant's fixed id: what identifies it whatever happened to its keys, users or name since the
     * seed (tenants made any other way get random ids).
     */
    TenantId DEV_TENANT_ID = new TenantId(UUID.fromString("00000000-0000-0000-0000-00000000de70"));

    String DEV_PUBLIC_KEY = "dev_memory_pk";
    String DEV_ROOT_EMAIL = "admin@dev.com";
    String DEV_ROOT_PASSWORD = "devpw1234";

    Result seed();

    /**
     * Whether the database holds the dev tenant in any state: a tenant with {@link #DEV_TENANT_ID}, or (seeded
     * before that id was fixed) the tenant that holds or held {@link #DEV_PUBLIC_KEY}, live or revoked.
     */
    boolean present();

    record Result(Tenant tenant, boolean created) {
    }
}
