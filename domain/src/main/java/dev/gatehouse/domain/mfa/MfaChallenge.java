package dev.gatehouse.domain.mfa;

import dev.gatehouse.domain.Required;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.SecurityStamp;
import dev.gatehouse.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A sign-in that proved the password and still needs its second factor: what the short-lived {@code mfaToken}
 * handed to the client stands for. Only the token's hex SHA-256 is kept ({@code tokenHash}). It is good for
 * {@link #LIFETIME} and until {@value #MAX_FAILURES} wrong codes were given for it; spending it (the right code)
 * deletes it, so it signs in once.
 */
public record MfaChallenge(String tokenHash, TenantId tenantId, UserId userId, Purpose purpose, Instant createdAt,
                           Instant expiresAt, int failures, SecurityStamp securityStamp) {
    public static final Duration LIFETIME = Duration.ofMinutes(5);
    public static final int MAX_FAILURES = 5;
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** What the token may do. */
    public enum Purpose {
        /** The user has a confirmed factor and must give a code of it. */
        VERIFY,
        /** The tenant requires a second factor and the user has none: the token may only enrol one. */
        ENROL
    }

    public MfaChallenge {
        Required.nonNull("token hash", tokenHash, "tenant id", tenantId, "user id", userId, "purpose", purpose,
                "created at", createdAt, "expires at", expiresAt, "security stamp", securityStamp);
        if (!HEX_SHA256.matcher(tokenHash).matches()) {
            throw new IllegalArgumentException("an MFA token hash is 64 lower-case hex digits");
        }
        if (failures < 0) {
            throw new IllegalArgumentException("failures cannot be negative");
        }
    }

    /** A new challenge for {@code user}, issued {@code now}, good for {@link #LIFETIME}, no wrong code yet. */
    /**
     * A new challenge for the user as the sign-in read them: {@code stamp} binds it to that state, so that a change
     * that ends the user's sessions (a password reset, a disable) also voids the second step begun before it.
     */
    public static MfaChallenge issue(String tokenHash, TenantId tenant, UserId user, Purpose purpose, Instant now,
                                     SecurityStamp stamp) {
        return new MfaChallenge(tokenHash, tenant, user, purpose, now, now.plus(LIFETIME), 0, stamp);
    }

    /** Whether {@code user} is still as they were when this challenge was issued. */
    public boolean issuedTo(dev.gatehouse.domain.user.User user) {
        return user.id().equals(userId) && user.tenantId().equals(tenantId) && user.securityStamp().equals(securityStamp);
    }

    /** Whether the challenge can still be spent at {@code now}: not expired and fewer than {@value #MAX_FAILURES} wrong codes. */
    public boolean isLiveAt(Instant now) {
        return now.isBefore(expiresAt) && failures < MAX_FAILURES;
    }

    /** Without the token hash, which stands in for a bearer secret. */
    @Override
    public String toString() {
        return "MfaChallenge[tenantId=" + tenantId + ", userId=" + userId + ", purpose=" + purpose + ", createdAt="
                + createdAt + ", expiresAt=" + expiresAt + ", failures=" + failures + "]";
    }
}
