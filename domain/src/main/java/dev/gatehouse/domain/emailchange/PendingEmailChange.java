package dev.gatehouse.domain.emailchange;

import dev.gatehouse.domain.Required;
import dev.gatehouse.domain.code.CodeHash;
import dev.gatehouse.domain.code.OneTimeCode;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A user's request to move their account to {@code newEmail}, waiting for the code mailed there (docs/users.md,
 * docs/adr/0027-email-change.md). A user has at most one: starting again replaces it, and with it its code. Only the
 * code's hash is kept ({@link CodeHash#ofTypedCode}: the reset-code form, typed by people). The change is good until
 * it expires or was presented a wrong code {@value #MAX_FAILED_ATTEMPTS} times; after that even the right code fails.
 */
public record PendingEmailChange(UUID id, TenantId tenantId, UserId userId, EmailAddress newEmail, String codeHash,
                                 int failedAttempts, Instant created, Instant expiresAt) {
    /** The same number of wrong tries as a reset code allows. */
    public static final int MAX_FAILED_ATTEMPTS = OneTimeCode.MAX_FAILED_ATTEMPTS;

    public PendingEmailChange {
        Required.nonNull("id", id, "tenant id", tenantId, "user id", userId, "new email", newEmail,
                "code hash", codeHash, "created", created, "expires at", expiresAt);
        if (failedAttempts < 0) {
            throw new IllegalArgumentException("failed attempts cannot be negative");
        }
    }

    /** A new pending change whose code hashes to {@code codeHash}, good for {@code lifetime} from {@code now}. */
    public static PendingEmailChange start(UUID id, TenantId tenantId, UserId userId, EmailAddress newEmail,
                                           String codeHash, Instant now, Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("a code's lifetime must be positive");
        }
        return new PendingEmailChange(id, tenantId, userId, newEmail, codeHash, 0, now, now.plus(lifetime));
    }

    /** What presenting a code (by its hash) means at {@code now}; the comparison always runs, in constant time. */
    public OneTimeCode.Check check(String presentedHash, Instant now) {
        boolean matches = CodeHash.matches(codeHash, presentedHash);
        if (failedAttempts >= MAX_FAILED_ATTEMPTS) {
            return OneTimeCode.Check.EXHAUSTED;
        }
        if (!now.isBefore(expiresAt)) {
            return OneTimeCode.Check.EXPIRED;
        }
        return matches ? OneTimeCode.Check.ACCEPTED : OneTimeCode.Check.WRONG;
    }

    /** Whether the right code would still be accepted at {@code now}. */
    public boolean isLiveAt(Instant now) {
        return failedAttempts < MAX_FAILED_ATTEMPTS && now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "PendingEmailChange[" + id + " of " + userId + ", " + failedAttempts + " wrong, until " + expiresAt + "]";
    }
}
