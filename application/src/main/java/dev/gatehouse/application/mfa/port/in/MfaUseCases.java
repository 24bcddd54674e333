package dev.gatehouse.application.mfa.port.in;

/** The second-factor use cases the HTTP adapter receives. */
public interface MfaUseCases {
    EnrolTotpUseCase enrolTotp();

    ManageMfaUseCase manageMfa();

    VerifyMfaUseCase verifyMfa();

    ReauthenticateUseCase reauthenticate();

    ResetMfaUseCase resetMfa();
}
