package dev.gatehouse.domain.emailchange;

import dev.gatehouse.domain.Required;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The "this was not me" link mailed to the old address when an email change is confirmed: a single-use token of 256
 * random bits, kept only as its hash, that moves the user back to {@code oldEmail} within {@link #LIFETIME}
 * (docs/adr/0027-email-change.md).
 */
public record EmailChangeRevert(TenantId tenantId, UserId userId, EmailAddress oldEmail, EmailAddress newEmail,
                                String tokenHash, Instant created, Instant expiresAt, Optional<Instant> usedAt) {
    /** How long the old address's owner has to undo a change. */
    public static final Duration LIFETIME = Duration.ofDays(7);

    public EmailChangeRevert {
        Required.nonNull("tenant id", tenantId, "user id", userId, "old email", oldEmail,
                "new email", newEmail, "token hash", tokenHash, "created", created, "expires at", expiresAt,
                "used at", usedAt);
    }

    /** A new, unused revert of the change from {@code oldEmail} to {@code newEmail} made at {@code now}. */
    public static EmailChangeRevert issue(TenantId tenantId, UserId userId, EmailAddress oldEmail,
                                          EmailAddress newEmail, String tokenHash, Instant now) {
        return new EmailChangeRevert(tenantId, userId, oldEmail, newEmail, tokenHash, now, now.plus(LIFETIME),
                Optional.empty());
    }

    /** Unused and not expired at {@code now}. */
    public boolean isLiveAt(Instant now) {
        return usedAt.isEmpty() && now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "EmailChangeRevert[of " + userId + ", until " + expiresAt
                + (usedAt.isPresent() ? ", used" : "") + "]";
    }
}
