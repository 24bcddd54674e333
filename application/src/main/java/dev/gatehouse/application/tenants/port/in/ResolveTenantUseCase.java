package dev.gatehouse.application.tenants.port.in;

import dev.gatehouse.domain.tenant.Tenant;

/** Finds the tenant a request speaks to from a publishable key. */
public interface ResolveTenantUseCase {

    /** @throws dev.gatehouse.domain.error.UnknownTenant for a missing, unknown or revoked key */
    Tenant byPublishableKey(String publishableKey);
}
