package dev.gatehouse.adapters.http.problem;

import dev.gatehouse.domain.error.ApiKeyNotFound;
import dev.gatehouse.domain.error.DomainError;
import dev.gatehouse.domain.error.EmailAlreadyInUse;
import dev.gatehouse.domain.error.EmailNotVerified;
import dev.gatehouse.domain.error.InvalidCredentials;
import dev.gatehouse.domain.error.InvalidCode;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.error.InvalidMfaToken;
import dev.gatehouse.domain.error.LastAdminRequired;
import dev.gatehouse.domain.error.LastPublishableKeyRequired;
import dev.gatehouse.domain.error.IdentityConflict;
import dev.gatehouse.domain.error.ImportInProgress;
import dev.gatehouse.domain.error.InvalidOAuthState;
import dev.gatehouse.domain.error.InvitationConflict;
import dev.gatehouse.domain.error.MfaConflict;
import dev.gatehouse.domain.error.ResourceNotFound;
import dev.gatehouse.domain.error.NotPermitted;
import dev.gatehouse.domain.error.Overloaded;
import dev.gatehouse.domain.error.PasswordRejected;
import dev.gatehouse.domain.error.RateLimited;
import dev.gatehouse.domain.error.ReauthenticationRequired;
import dev.gatehouse.domain.error.RefreshTokenAlreadyRotated;
import dev.gatehouse.domain.error.SessionNotFound;
import dev.gatehouse.domain.error.StorageUnavailable;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.error.UnknownTenant;
import dev.gatehouse.domain.error.UserNotFound;

/**
 * The one place that decides how each kind of domain error goes on the wire: its status, its problem
 * type and title. Both the native API and the StaticBackend-compatible routes use it, so a status is
 * decided once per kind. The switch has no default: a new {@link DomainError} that is not mapped here
 * fails compilation. Domain error messages are caller-safe by contract and become the detail, except
 * where client authors need more guidance than the domain's message gives.
 */
public final class ProblemMapper {
    /** What a client that lost a refresh race should do; the domain message alone is terser. */
    static final String ALREADY_ROTATED_DETAIL = "this refresh token was exchanged a moment ago by another request"
            + " (for example a second tab or thread refreshing at the same time); nothing was revoked: use the"
            + " access and refresh tokens that request received, and do not retry with this refresh token"
            + " (presenting it again after a few seconds ends the session)";

    private ProblemMapper() {
    }

    public static Problem map(DomainError error) {
        String detail = error.getMessage();
        return switch (error) {
            case InvalidInput invalid -> new Problem(400, "invalid-input", "Invalid input", detail, invalid.field());
            case PasswordRejected rejected -> new Problem(400, "password-rejected", "Password rejected", detail, "password");
            case EmailAlreadyInUse taken -> new Problem(409, "email-already-in-use", "Email already in use", detail);
            case InvalidCredentials wrong -> new Problem(401, "invalid-credentials", "Invalid credentials", detail);
            case UnknownTenant unknown -> new Problem(401, "unknown-tenant", "Unknown tenant", detail);
            case Unauthenticated unauthenticated -> new Problem(401, "unauthenticated", "Unauthenticated", detail);
            case UserNotFound notFound -> new Problem(404, "user-not-found", "User not found", detail);
            case SessionNotFound notFound -> new Problem(404, "session-not-found", "Session not found", detail);
            case RefreshTokenAlreadyRotated rotated -> new Problem(409, "refresh-token-already-rotated",
                    "Refresh token already rotated", ALREADY_ROTATED_DETAIL);
            case NotPermitted notPermitted -> new Problem(403, "not-permitted", "Not permitted", detail);
            case LastAdminRequired lastAdmin -> new Problem(409, "last-admin-required", "Last admin required", detail);
            case ApiKeyNotFound notFound -> new Problem(404, "api-key-not-found", "API key not found", detail);
            case LastPublishableKeyRequired lastKey -> new Problem(409, "last-publishable-key-required",
                    "Last publishable key required", detail);
            case InvalidCode invalid -> new Problem(400, "invalid-code", "Invalid code", detail, invalid.field());
            case EmailNotVerified unverified -> new Problem(403, "email-not-verified", "Email not verified", detail);
            case Overloaded overloaded -> new Problem(503, "overloaded", "Overloaded", detail, null,
                    overloaded.retryAfter());
            case RateLimited limited -> new Problem(429, "rate-limited", "Too many requests", detail, null,
                    limited.retryAfter());
            case ReauthenticationRequired stale -> new Problem(403, "reauthentication-required",
                    "Reauthentication required", detail);
            case InvalidMfaToken invalid -> new Problem(401, "invalid-mfa-token", "Invalid MFA token", detail,
                    "mfaToken"); // which credential to replace: the client signs in again for a new one
            case MfaConflict conflict -> new Problem(409, "mfa-conflict", "MFA conflict", detail);
            case InvalidOAuthState invalid -> new Problem(400, "invalid-oauth-state", "Invalid sign-in state", detail);
            case IdentityConflict conflict -> new Problem(409, "identity-conflict", "Identity conflict", detail);
            case ResourceNotFound notFound -> new Problem(404, "not-found", "Not found", detail);
            case InvitationConflict conflict -> new Problem(409, "invitation-conflict", "Invitation conflict", detail);
            case ImportInProgress running -> new Problem(409, "import-in-progress", "Import in progress", detail);
            case StorageUnavailable unavailable -> new Problem(503, "unavailable", "Service unavailable", detail, null,
                    unavailable.retryAfter());
        };
    }
}
