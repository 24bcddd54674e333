package dev.gatehouse.application.auth.port.in;

import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.port.in.TokenProfile;

import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;

/** Sign-in with email and password. Unknown email and wrong password fail identically. */
public interface LoginUseCase {

    Authenticated login(Command command);

    record Command(TenantId tenantId, EmailAddress email, Password password, ClientInfo client, TokenProfile profile) {
    }
}
