package dev.gatehouse.domain.error;

/** No such live API key in the caller's tenant. */
public final class ApiKeyNotFound extends DomainError {
    public ApiKeyNotFound() {
        super("API key not found");
    }
}
