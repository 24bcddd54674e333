package dev.gatehouse.domain.audit;

import dev.gatehouse.domain.WireNames;

/**
 * What happened, in a tenant's audit log. The wire name is the constant's name; constants are only ever added,
 * never renamed, because stored events keep the name they were written with.
 */
public enum AuditEventType {
    SIGN_UP,
    LOGIN_SUCCEEDED,
    LOGIN_FAILED,
    LOGOUT,
    SESSION_REVOKED,
    REFRESH_REUSE_DETECTED,
    PASSWORD_RESET_REQUESTED,
    PASSWORD_RESET_COMPLETED,
    PASSWORD_CHANGED,
    EMAIL_VERIFIED,
    MAGIC_LINK_REQUESTED,
    MAGIC_LINK_USED,
    ROLE_CHANGED,
    USER_ADDED,
    USER_REMOVED,
    USER_DISABLED,
    USER_ENABLED,
    USER_MOVED,
    USER_DELETED,
    IMPERSONATION,
    API_KEY_CREATED,
    API_KEY_REVOKED,
    TENANT_SETTINGS_CHANGED,
    ROOT_TOKEN_ROTATED,
    RATE_LIMIT_TRIPPED,
    EMAIL_TEMPLATE_CHANGED,
    MFA_ENABLED,
    MFA_DISABLED,
    MFA_CHALLENGE_FAILED,
    RECOVERY_CODE_USED,
    RECOVERY_CODES_RENEWED,
    MFA_RESET_BY_ADMIN,
    REAUTHENTICATED,
    OAUTH_PROVIDER_CHANGED,
    OAUTH_PROVIDER_DELETED,
    OAUTH_SIGN_IN,
    OAUTH_SIGN_IN_REFUSED,
    IDENTITY_LINKED,
    IDENTITY_UNLINKED,
    PROFILE_UPDATED,
    DATA_EXPORTED,
    USERS_EXPORTED,
    INVITATION_CREATED,
    INVITATION_REVOKED,
    INVITATION_ACCEPTED,
    EMAIL_CHANGE_REQUESTED,
    EMAIL_CHANGED,
    EMAIL_CHANGE_REVERTED,
    USERS_IMPORTED;

    /** Parses a stored or requested name; empty when there is no such type. */
    public static java.util.Optional<AuditEventType> fromName(String name) {
        return WireNames.find(values(), AuditEventType::name, name);
    }
}
