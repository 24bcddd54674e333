package dev.gatehouse.domain.error;

/** A value did not satisfy its rules; {@code field} names the input that was refused. */
public final class InvalidInput extends DomainError {
    private final String field;

    public InvalidInput(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
