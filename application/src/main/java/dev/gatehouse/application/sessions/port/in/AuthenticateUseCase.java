package dev.gatehouse.application.sessions.port.in;

import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.tenant.TenantId;

/** Turns a bearer token presented to a tenant into the principal it proves, or fails. */
public interface AuthenticateUseCase {

    Principal authenticate(TenantId tenantId, String bearerToken);
}
