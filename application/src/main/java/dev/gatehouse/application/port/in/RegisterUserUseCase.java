package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;

/** Sign-up: opens a new account whose first user administers it, in one transaction. */
public interface RegisterUserUseCase {

    Authenticated register(Command command);

    record Command(TenantId tenantId, EmailAddress email, Password password, ClientInfo client, TokenProfile profile) {
    }
}
