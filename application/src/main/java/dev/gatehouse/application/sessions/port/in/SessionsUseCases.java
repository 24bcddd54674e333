package dev.gatehouse.application.sessions.port.in;

/** The sessions feature's use cases: authenticating a token, refreshing, signing out, the user's own sessions. */
public interface SessionsUseCases {
    AuthenticateUseCase authenticate();

    GetCurrentUserUseCase currentUser();

    RefreshUseCase refresh();

    SignOutUseCase signOut();

    ManageOwnSessionsUseCase ownSessions();

    RevocationFeedUseCase revocationFeed();

    IntrospectUseCase introspect();
}
