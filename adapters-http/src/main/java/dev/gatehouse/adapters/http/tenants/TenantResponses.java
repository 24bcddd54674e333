package dev.gatehouse.adapters.http.tenants;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gatehouse.application.tenants.port.in.ProvisionTenantUseCase.Provisioned;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.EmailAddress;

/** The answers of the operator API. */
final class TenantResponses {

    private TenantResponses() {
    }

    /**
     * A new tenant with its credentials: the root token, shown here only, and the owner's password only
     * when it was generated (a password the operator chose is not echoed).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TenantCreated(String tenantId, String name, String publicKey, String rootToken, String ownerEmail,
                         String ownerPassword) {
        static TenantCreated from(Provisioned provisioned, EmailAddress ownerEmail, boolean passwordGenerated) {
            Tenant tenant = provisioned.tenant();
            return new TenantCreated(tenant.id().toString(), tenant.name(), tenant.publicKey(), provisioned.rootToken(),
                    ownerEmail.value(), passwordGenerated ? provisioned.ownerPassword() : null);
        }

        @Override
        public String toString() {
            return "TenantCreated[" + tenantId + "]";
        }
    }

    record TenantSummary(String tenantId, String name, String publicKey, String created) {
        static TenantSummary from(Tenant tenant) {
            return new TenantSummary(tenant.id().toString(), tenant.name(), tenant.publicKey(),
                    tenant.created().toString());
        }
    }
}
