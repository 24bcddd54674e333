package dev.gatehouse.domain.error;

/**
 * A provider callback that belongs to no sign-in this server started, or to one already finished or expired, or
 * that came back in another browser than the one that started it. Nothing about the flow is known, so there is
 * no app to send the browser back to: the answer is a plain 400 page.
 */
public final class InvalidOAuthState extends DomainError {
    public InvalidOAuthState(String message) {
        super(message);
    }
}
