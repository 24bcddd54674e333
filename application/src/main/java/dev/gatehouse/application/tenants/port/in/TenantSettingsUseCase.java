package dev.gatehouse.application.tenants.port.in;

import dev.gatehouse.application.port.in.RootAuthority;

import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.tenant.TenantSettings;

/**
 * A tenant's settings: read and changed with the root token or a secret key holding {@code settings:admin},
 * or by the operator (CLI, operator API) for a tenant named by id. A change is a function of the current
 * settings, applied under a row lock inside one transaction (so two concurrent partial changes both land),
 * validated by the domain (an {@link dev.gatehouse.domain.error.InvalidInput} names the field), audited as
 * {@code TENANT_SETTINGS_CHANGED} with the names of the changed fields, and seen by every process within the
 * tenant cache's TTL (at once on the process that made it).
 */
public interface TenantSettingsUseCase {

    TenantSettings get(RootAuthority authority);

    TenantSettings change(RootAuthority authority, Change change, ClientInfo client);

    /** @throws dev.gatehouse.domain.error.UnknownTenant when there is no such tenant */
    TenantSettings getAsOperator(TenantId tenant);

    /** @throws dev.gatehouse.domain.error.UnknownTenant when there is no such tenant */
    TenantSettings changeAsOperator(TenantId tenant, Change change);

    /** A partial update: the settings to store, given the stored ones (throws InvalidInput to refuse). */
    @FunctionalInterface
    interface Change {
        TenantSettings applyTo(TenantSettings current);
    }
}
