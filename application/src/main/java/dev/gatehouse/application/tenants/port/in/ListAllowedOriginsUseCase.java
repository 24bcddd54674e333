package dev.gatehouse.application.tenants.port.in;

import java.util.Set;

/**
 * The browser origins allowed by any tenant: a CORS preflight names no tenant, so it is answered
 * from the union of all tenants' lists (or one tenant's, when the preflight carries {@code ?sbpk=}).
 */
public interface ListAllowedOriginsUseCase {

    Set<String> allowedOriginsOfAllTenants();
}
