package dev.gatehouse.application.oauth.port.in;

/** The provider sign-in use cases the HTTP adapter receives. */
public interface OAuthUseCases {
    OAuthProvidersUseCase providers();

    StartOAuthUseCase start();

    OAuthCallbackUseCase callback();

    OAuthExchangeUseCase exchange();

    IdentitiesUseCase identities();
}
