package dev.gatehouse.domain.user;

/**
 * A user's security stamp: a version that every change ending the user's sessions advances (password set,
 * changed, reset or removed, disabled, role changed, moved to another account, first proof of the mailbox).
 * A session records the stamp its sign-in read; a sign-in or refresh whose stamp is no longer the user's
 * fails, so nothing opened with the old state outlives the change (docs/adr/0008-session-revocation.md).
 */
public record SecurityStamp(long value) {
    /** The stamp of a new user. */
    public static final SecurityStamp INITIAL = new SecurityStamp(0);

    public SecurityStamp {
        if (value < 0) {
            throw new IllegalArgumentException("a security stamp is not negative");
        }
    }

    /** The stamp after one more session-ending change. */
    public SecurityStamp next() {
        return new SecurityStamp(value + 1);
    }
}
