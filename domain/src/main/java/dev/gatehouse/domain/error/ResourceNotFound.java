package dev.gatehouse.domain.error;

/** A named thing of the caller's tenant or user (a sign-in provider, a linked identity) that does not exist. */
public final class ResourceNotFound extends DomainError {
    public ResourceNotFound(String what) {
        super(what + " not found");
    }
}
