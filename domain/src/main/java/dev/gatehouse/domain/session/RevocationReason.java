package dev.gatehouse.domain.session;

/** Why a session ended before its expiry. */
public enum RevocationReason {
    SIGNED_OUT,
    REVOKED_BY_USER,
    REVOKED_BY_ADMIN,
    REFRESH_TOKEN_REUSED,
    PASSWORD_CHANGED,
    USER_CHANGED,
    /** The first proof of the user's mailbox ended every session opened before it (pre-registration takeover). */
    MAILBOX_PROVEN,
    /** A second factor was turned on, or an admin reset the user's factors: other sessions are ended. */
    MFA_CHANGED,
    /** The user's address changed (the other sessions end) or a change was undone from the old address (all end). */
    EMAIL_CHANGED
}
