package dev.gatehouse.domain.error;

/** No such user in the caller's tenant (users of other tenants do not exist for the caller). */
public final class UserNotFound extends DomainError {
    public UserNotFound() {
        super("user not found");
    }
}
