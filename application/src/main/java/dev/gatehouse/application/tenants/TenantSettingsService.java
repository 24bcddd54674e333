package dev.gatehouse.application.tenants;

import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.application.tenants.port.in.TenantSettingsUseCase;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.Clock;
import dev.gatehouse.application.port.out.TenantRepository;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.error.UnknownTenant;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.tenant.ExternalIssuer;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.tenant.TenantSettings;
import java.util.List;

/**
 * Reads and changes tenant settings (see {@link TenantSettingsUseCase}). Outside dev mode an external issuer's
 * JWKS URL must use https: the server fetches it, so plain http would let anyone on the path swap the keys.
 */
record TenantSettingsService(TenantRepository tenants, TenantDirectory directory, TransactionRunner transactions,
                             AuditLog audit, Clock clock, boolean devMode) implements TenantSettingsUseCase {
    @Override
    public TenantSettings get(RootAuthority authority) {
        authority.require(Scope.SETTINGS_ADMIN);
        return getAsOperator(authority.tenantId());
    }

    @Override
    public TenantSettings change(RootAuthority authority, Change change, ClientInfo client) {
        authority.require(Scope.SETTINGS_ADMIN);
        return apply(authority.tenantId(), change, authority.actor(), client);
    }

    @Override
    public TenantSettings getAsOperator(TenantId tenant) {
        // Fresh from the store, not the cache: an admin who just changed a setting elsewhere sees it.
        return tenants.findById(tenant).map(Tenant::settings).orElseThrow(UnknownTenant::new);
    }

    @Override
    public TenantSettings changeAsOperator(TenantId tenant, Change change) {
        return apply(tenant, change, AuditEvent.OPERATOR, ClientInfo.UNKNOWN);
    }

    private TenantSettings apply(TenantId tenant, Change change, String actor, ClientInfo client) {
        TenantSettings stored = transactions.inTransaction(() -> {
            TenantSettings current = tenants.findSettingsForUpdate(tenant).orElseThrow(UnknownTenant::new);
            TenantSettings next = change.applyTo(current);
            List<String> changed = next.changedFields(current);
            if (changed.isEmpty()) {
                return current;
            }
            requireSecureJwksUrls(next);
            if (changed.contains("externalIssuers")) {
                requireUsableIssuers(next);
            }
            tenants.updateSettings(tenant, next);
            audit.record(AuditEvent.of(tenant, AuditEventType.TENANT_SETTINGS_CHANGED, clock.now(), client)
                    .withActor(actor).withDetail("fields", String.join(",", changed)));
            return next;
        });
        directory.forget(tenant); // this process sees the change at once; the others within the cache TTL
        return stored;
    }

    /** An issuer set by this change must keep every rule (a stored one that breaks a newer rule only stops working). */
    private static void requireUsableIssuers(TenantSettings settings) {
        List<ExternalIssuer> issuers = settings.externalIssuers();
        for (int i = 0; i < issuers.size(); i++) {
            java.util.Optional<String> reason = issuers.get(i).invalidReason();
            if (reason.isPresent()) {
                throw new InvalidInput("externalIssuers[" + i + "].audience", reason.get());
            }
        }
    }

    private void requireSecureJwksUrls(TenantSettings settings) {
        if (devMode) {
            return;
        }
        List<ExternalIssuer> issuers = settings.externalIssuers();
        for (int i = 0; i < issuers.size(); i++) {
            if (issuers.get(i).jwksUrlIsInsecure()) {
                throw new InvalidInput("externalIssuers[" + i + "].jwksUrl",
                        "must use https (plain http is accepted only in dev mode)");
            }
        }
    }
}
