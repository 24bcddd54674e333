package dev.gatehouse.application.mfa.port.in;

import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.tenant.TenantId;
import java.util.Objects;

/** Who enrols a factor: a signed-in user (within the step-up window), or a sign-in that must enrol one first. */
public sealed interface MfaActor {

    /** A signed-in user, through their access token. */
    record SignedIn(Principal principal) implements MfaActor {
        public SignedIn {
            Objects.requireNonNull(principal, "principal");
        }
    }

    /**
     * A sign-in held back by the tenant's {@code mfa.required: all}: its {@code mfaToken} (of purpose ENROL) may
     * enrol and confirm a factor, which then completes the sign-in; nothing else.
     */
    record Enrolling(TenantId tenantId, String mfaToken) implements MfaActor {
        public Enrolling {
            Objects.requireNonNull(tenantId, "tenant id");
            Objects.requireNonNull(mfaToken, "mfa token");
        }

        @Override
        public String toString() {
            return "Enrolling[tenant=" + tenantId + "]";
        }
    }
}
