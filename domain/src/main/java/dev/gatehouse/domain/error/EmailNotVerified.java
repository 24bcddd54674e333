package dev.gatehouse.domain.error;

/** The tenant requires a verified address before sign-in, and this user has not verified theirs yet. */
public final class EmailNotVerified extends DomainError {
    public EmailNotVerified() {
        super("email address not verified: follow the link in the verification mail, or request a new one");
    }
}
