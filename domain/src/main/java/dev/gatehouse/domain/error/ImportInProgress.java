package dev.gatehouse.domain.error;

/** Another user import of the same tenant is still running: one at a time per tenant (409). */
public final class ImportInProgress extends DomainError {
    public ImportInProgress() {
        super("another user import of this tenant is still running: wait for its answer, then send the next file");
    }
}
