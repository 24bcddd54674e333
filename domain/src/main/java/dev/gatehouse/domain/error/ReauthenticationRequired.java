package dev.gatehouse.domain.error;

/**
 * A sensitive change (a second factor, the password, the email address) asked of a session whose user has not
 * proved who they are recently enough: prove it again ({@code POST /v1/auth/reauthenticate}) and retry.
 */
public final class ReauthenticationRequired extends DomainError {
    public ReauthenticationRequired() {
        super("this change needs a recent sign-in: confirm your password or a code at /v1/auth/reauthenticate,"
                + " then retry");
    }
}
