package dev.gatehouse.application.auth.port.in;

import dev.gatehouse.application.port.in.SignInOutcome;
import dev.gatehouse.application.port.in.TokenProfile;

import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;

/**
 * Sign-up: opens a new account whose first user administers it, in one transaction. When the tenant requires
 * verified addresses, the new user is also mailed a verification code.
 */
public interface RegisterUserUseCase {

    /**
     * StaticBackend's {@code /register}: tokens (or, under the tenant's {@code mfa.required: all}, the step that
     * enrols a second factor first), and a conflict error for a taken address.
     */
    SignInOutcome register(Command command);

    /**
     * The native sign-up. Tokens right away unless the tenant requires verified addresses or protects sign-up
     * against enumeration: then {@link SignUpOutcome.VerificationPending} and tokens only by signing in once the
     * address is verified. With enumeration protection a taken address gets the same answer, and its owner a
     * notice by mail instead of a new account.
     */
    SignUpOutcome signUp(Command command);

    sealed interface SignUpOutcome {
        record Registered(SignInOutcome signedIn) implements SignUpOutcome {
        }

        record VerificationPending() implements SignUpOutcome {
        }
    }

    record Command(TenantId tenantId, EmailAddress email, Password password, ClientInfo client, TokenProfile profile) {
    }
}
