package dev.gatehouse.domain.error;

/** The caller is known and may see the target, but their role does not allow this action. */
public final class NotPermitted extends DomainError {
    public NotPermitted(String message) {
        super(message);
    }
}
