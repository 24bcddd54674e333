package dev.gatehouse.application.auth.port.in;

import dev.gatehouse.application.port.in.SignInOutcome;
import dev.gatehouse.application.port.in.TokenProfile;

import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;

/** Sign-in with email and password. Unknown email and wrong password fail identically. */
public interface LoginUseCase {

    /**
     * Signs in with a password: a session, or, for a user with a second factor (or under the tenant's
     * {@code mfa.required: all}), the second step it needs first.
     */
    SignInOutcome login(Command command);

    record Command(TenantId tenantId, EmailAddress email, Password password, ClientInfo client, TokenProfile profile) {
    }
}
