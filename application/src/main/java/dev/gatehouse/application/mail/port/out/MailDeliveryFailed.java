package dev.gatehouse.application.mail.port.out;

/** A mail could not be handed over; {@link #permanent()} says whether retrying can help. */
public final class MailDeliveryFailed extends RuntimeException {
    private final boolean permanent;

    public MailDeliveryFailed(boolean permanent, String reason, Throwable cause) {
        super(reason, cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
