package dev.gatehouse.domain.error;

/** The request named no tenant, or a key that belongs to no live tenant. */
public final class UnknownTenant extends DomainError {
    public UnknownTenant() {
        super("missing or invalid public key");
    }
}
