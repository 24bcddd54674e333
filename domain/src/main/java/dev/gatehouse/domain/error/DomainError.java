package dev.gatehouse.domain.error;

/**
 * The closed family of failures the domain and the use cases report. Adapters map each kind to
 * their own wire form with an exhaustive switch, so a new kind that is not mapped fails compilation.
 * Messages are safe to show to the caller: they never carry secrets or internal details.
 */
public abstract sealed class DomainError extends RuntimeException
        permits InvalidInput, PasswordRejected, EmailAlreadyInUse, InvalidCredentials, UnknownTenant,
                Unauthenticated, UserNotFound, SessionNotFound, RefreshTokenAlreadyRotated, NotPermitted,
                LastAdminRequired, ApiKeyNotFound, LastPublishableKeyRequired, InvalidCode, EmailNotVerified,
                Overloaded, RateLimited, ReauthenticationRequired, InvalidMfaToken, MfaConflict, InvalidOAuthState,
                IdentityConflict, ResourceNotFound, InvitationConflict, ImportInProgress, StorageUnavailable {

    protected DomainError(String message) {
        // No stack trace: these are expected outcomes, not bugs, and must stay cheap on hot paths.
        super(message, null, false, false);
    }
}
