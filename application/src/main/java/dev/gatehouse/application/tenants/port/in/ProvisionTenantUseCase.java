package dev.gatehouse.application.tenants.port.in;

import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import java.util.List;
import java.util.Optional;

/** The operator's tenant tools: create a tenant with its owner, list tenants, replace a root token. */
public interface ProvisionTenantUseCase {

    /**
     * Creates the tenant, its first publishable key, its root token and its owner (role root, in an
     * account of their own). The root token and a generated owner password are returned here only.
     */
    Provisioned create(Command command);

    List<Tenant> list();

    /** A new root token for the tenant; the old one stops working at once. Shown only here. */
    String rotateRootToken(TenantId tenantId);

    record Command(String name, EmailAddress ownerEmail, Optional<Password> ownerPassword) {
    }

    record Provisioned(Tenant tenant, String rootToken, String ownerPassword) {
        @Override
        public String toString() {
            return "Provisioned[tenant=" + tenant.id() + "]";
        }
    }
}
