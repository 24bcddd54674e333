package dev.gatehouse.application.audit;

import dev.gatehouse.application.support.RateLimiter;

import dev.gatehouse.application.audit.port.in.HousekeepingUseCase;
import dev.gatehouse.application.audit.port.out.AuditTrail;
import dev.gatehouse.application.port.out.Clock;
import dev.gatehouse.application.audit.port.out.HousekeepingStore;
import dev.gatehouse.application.emailchange.port.out.EmailChangeStore;
import dev.gatehouse.application.oauth.port.out.OAuthFlowRepository;
import dev.gatehouse.application.port.out.MfaChallengeRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * What expires when (the cut-offs, all relative to one {@code now} per run):
 * <ul>
 *   <li>sessions one day after their expiry (the revocation feed only reads unexpired sessions);</li>
 *   <li>refresh grants once dead (see {@link HousekeepingStore#deleteDeadRefreshGrants});</li>
 *   <li>one-time codes an hour after their expiry; invitations once expired (a used or revoked one is deleted at
 *   once);</li>
 *   <li>MFA challenges once expired or exhausted, and provider sign-in flows and grants once expired, in one
 *   statement each: they live minutes, so few are ever open;</li>
 *   <li>pending email changes once expired or out of tries, and their reverts once expired (7 days), in one
 *   statement each;</li>
 *   <li>rate-limit windows once expired; sign-in sources a day after they stop exempting anyone (30 days);</li>
 *   <li>audit events after the retention period.</li>
 * </ul>
 * Finished outbox mail is purged by the mail worker itself ({@code MailOutbox.deleteFinishedBefore}).
 * Deletes run in batches of {@value #BATCH}, at most {@value #MAX_BATCHES} per kind and run, so one run stays short;
 * a backlog is worked off over the following runs.
 */
final class HousekeepingService implements HousekeepingUseCase {
    static final int BATCH = 1000;
    static final int MAX_BATCHES = 50;
    static final Duration SESSION_GRACE = Duration.ofDays(1);
    static final Duration CODE_GRACE = Duration.ofHours(1);
    static final Duration LOGIN_SOURCE_KEPT = RateLimiter.KNOWN_SOURCE_PERIOD.plusDays(1);

    private final HousekeepingStore store;
    private final MfaChallengeRepository mfaChallenges;
    private final OAuthFlowRepository oauthFlows;
    private final EmailChangeStore emailChanges;
    private final AuditTrail audit;
    private final Clock clock;

    HousekeepingService(HousekeepingStore store, MfaChallengeRepository mfaChallenges, OAuthFlowRepository oauthFlows,
                        EmailChangeStore emailChanges, AuditTrail audit, Clock clock) {
        this.store = store;
        this.mfaChallenges = mfaChallenges;
        this.oauthFlows = oauthFlows;
        this.emailChanges = emailChanges;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Map<String, Integer> runOnce(Duration auditRetention) {
        if (auditRetention.isNegative() || auditRetention.isZero()) {
            throw new IllegalArgumentException("the audit retention must be positive");
        }
        Instant now = clock.now();
        Map<String, Integer> deleted = new LinkedHashMap<>();
        drain(deleted, "refreshGrants", () -> store.deleteDeadRefreshGrants(now, BATCH));
        drain(deleted, "sessions", () -> store.deleteSessionsExpiredBefore(now.minus(SESSION_GRACE), BATCH));
        drain(deleted, "codes", () -> store.deleteCodesExpiredBefore(now.minus(CODE_GRACE), BATCH));
        drain(deleted, "invitations", () -> store.deleteInvitationsExpiredBefore(now, BATCH));
        count(deleted, "mfaChallenges", mfaChallenges.deleteExpired(now));
        count(deleted, "oauthFlows", oauthFlows.deleteExpired(now));
        count(deleted, "emailChanges", emailChanges.deleteExpired(now));
        drain(deleted, "rateLimitWindows", () -> store.deleteRateLimitWindowsExpiredBefore(now, BATCH));
        drain(deleted, "loginSources", () -> store.deleteLoginSourcesLastSeenBefore(now.minus(LOGIN_SOURCE_KEPT),
                BATCH));
        drain(deleted, "auditEvents", () -> audit.purgeOlderThan(now.minus(auditRetention), BATCH));
        return deleted;
    }

    private static void drain(Map<String, Integer> deleted, String kind, IntSupplier batch) {
        int total = 0;
        for (int i = 0; i < MAX_BATCHES; i++) {
            int n = batch.getAsInt();
            total += n;
            if (n < BATCH) {
                break;
            }
        }
        count(deleted, kind, total);
    }

    private static void count(Map<String, Integer> deleted, String kind, int total) {
        if (total > 0) {
            deleted.put(kind, total);
        }
    }
}
