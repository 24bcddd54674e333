package dev.gatehouse.domain.error;

/** Revoking this publishable key would leave the tenant without any: clients could no longer name it. */
public final class LastPublishableKeyRequired extends DomainError {
    public LastPublishableKeyRequired() {
        super("a tenant must keep at least one live publishable key; create another one first");
    }
}
