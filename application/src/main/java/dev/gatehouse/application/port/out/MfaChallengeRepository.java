package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.mfa.MfaChallenge;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.UserId;
import java.time.Instant;
import java.util.Optional;

/**
 * The open challenges of sign-ins that still need their second factor, by the hex SHA-256 of their token
 * ({@link MfaChallenge#tokenHash()}; the token itself is never stored).
 *
 * <p>Every method joins the caller's unit of work. Counting a wrong code and spending a challenge are single
 * statements with no prior read: of concurrent calls, in any process sharing the store, every wrong code counts and
 * exactly one spend succeeds. That is what keeps one token from signing in twice or from being guessed at without
 * limit.
 */
public interface MfaChallengeRepository {

    /** Stores a new challenge (its token hash must be new). */
    void insert(MfaChallenge challenge);

    /** The challenge with this token hash, live or not. */
    Optional<MfaChallenge> find(String tokenHash);

    /**
     * Counts one more wrong code for the challenge, atomically; the count after this call, or 0 when there is no
     * such challenge. Concurrent calls each count.
     */
    int recordFailure(String tokenHash);

    /**
     * Deletes the challenge if it is live at {@code now} ({@link MfaChallenge#isLiveAt}); true when this call
     * deleted it. Of concurrent spends of one challenge, in any process, exactly one is true.
     */
    boolean spend(String tokenHash, Instant now);

    /** Deletes every challenge of the user (a factor change or an admin reset voids them); how many. */
    int deleteForUser(TenantId tenantId, UserId userId);

    /** Deletes every challenge that is not live at {@code now}, expired or exhausted, of any tenant; how many. */
    int deleteExpired(Instant now);
}
