package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.tenant.Tenant;

/**
 * Dev mode only: makes sure the dev tenant exists (public key {@code dev_memory_pk}, root user
 * {@code admin@dev.com}). Idempotent: a second call changes nothing.
 */
public interface SeedDevTenantUseCase {

    String DEV_PUBLIC_KEY = "dev_memory_pk";
    String DEV_ROOT_EMAIL = "admin@dev.com";
    String DEV_ROOT_PASSWORD = "devpw1234";

    Result seed();

    record Result(Tenant tenant, boolean created) {
    }
}
