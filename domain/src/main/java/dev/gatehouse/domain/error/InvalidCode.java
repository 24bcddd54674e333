package dev.gatehouse.domain.error;

/**
 * A one-time code (password reset, magic link, email verification) or invitation token that is wrong, empty,
 * expired, used, revoked, exhausted by wrong tries, or for an address without such a code: deliberately one error
 * for all. {@code field} names the input that carried it ({@code code}, or {@code token} for an invitation).
 */
public final class InvalidCode extends DomainError {
    private final String field;

    public InvalidCode() {
        this("code", "invalid or expired code");
    }

    private InvalidCode(String field, String message) {
        super(message);
        this.field = field;
    }

    /** An invitation token that cannot be accepted, whatever the reason. */
    public static InvalidCode invitation() {
        return new InvalidCode("token", "invalid or expired invitation: ask for a new one");
    }

    public String field() {
        return field;
    }
}
