package dev.gatehouse.application.auth.port.in;

/** The auth feature's use cases: sign-up, sign-in with a password, sign-in with an external token. */
public interface AuthUseCases {
    RegisterUserUseCase registerUser();

    LoginUseCase login();

    ExternalTokenUseCase externalTokens();
}
