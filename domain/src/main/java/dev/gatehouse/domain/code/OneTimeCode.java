package dev.gatehouse.domain.code;

import dev.gatehouse.domain.Required;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A code sent to an address that proves, once, that its presenter reads that mailbox. Only the code's hash
 * is kept. A code is good until it expires, is used, or was presented wrongly {@value #MAX_FAILED_ATTEMPTS}
 * times; after that even the right code fails. {@code userId} is empty for a magic link to an address
 * that has no user yet (the tenant creates users on first magic-link sign-in).
 */
public record OneTimeCode(UUID id, TenantId tenantId, CodeKind kind, EmailAddress email, Optional<UserId> userId,
                          String codeHash, Instant created, Instant expiresAt, int failedAttempts,
                          Optional<Instant> usedAt) {
    public static final int MAX_FAILED_ATTEMPTS = 5;

    public OneTimeCode {
        Required.nonNull("id", id, "tenant id", tenantId, "kind", kind, "email", email, "user id", userId,
                "code hash", codeHash, "created", created, "expires at", expiresAt, "used at", usedAt);
        if (failedAttempts < 0) {
            throw new IllegalArgumentException("failed attempts cannot be negative");
        }
    }

    public static OneTimeCode issue(UUID id, TenantId tenantId, CodeKind kind, EmailAddress email,
                                    Optional<UserId> userId, String codeHash, Instant now, Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("a code's lifetime must be positive");
        }
        return new OneTimeCode(id, tenantId, kind, email, userId, codeHash, now, now.plus(lifetime), 0,
                Optional.empty());
    }

    /** What presenting a code (by its hash) to this one means at {@code now}. */
    public Check check(String presentedHash, Instant now) {
        // Compare first and always, so that every outcome costs the same.
        boolean matches = CodeHash.matches(codeHash, presentedHash);
        if (usedAt.isPresent()) {
            return Check.USED;
        }
        if (failedAttempts >= MAX_FAILED_ATTEMPTS) {
            return Check.EXHAUSTED;
        }
        if (!now.isBefore(expiresAt)) {
            return Check.EXPIRED;
        }
        return matches ? Check.ACCEPTED : Check.WRONG;
    }

    /** Whether the code could still be accepted at {@code now}. */
    public boolean isLiveAt(Instant now) {
        return usedAt.isEmpty() && failedAttempts < MAX_FAILED_ATTEMPTS && now.isBefore(expiresAt);
    }

    public enum Check {
        ACCEPTED,
        /** Counts as a failed attempt. */
        WRONG,
        EXPIRED,
        USED,
        /** Too many wrong attempts: refused whatever is presented. */
        EXHAUSTED
    }
}
