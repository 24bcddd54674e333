package dev.gatehouse.application.sessions;

import dev.gatehouse.application.support.BoundedMaps;
import dev.gatehouse.application.sessions.port.in.AuthenticateUseCase;
import dev.gatehouse.application.port.out.Clock;
import dev.gatehouse.application.port.out.SessionRepository;
import dev.gatehouse.application.sessions.port.out.TokenVerifier;
import dev.gatehouse.domain.error.StorageUnavailable;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.session.Session;
import dev.gatehouse.domain.session.SessionId;
import dev.gatehouse.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token-only authentication: signature and claims (the verifier, with its cache), then the session's
 * revocation state from memory. No database round trip, except a coarse "last used" write at most
 * once per {@link Session#LAST_USED_RESOLUTION} per session and process, skipped while the database is unavailable.
 * A process that has not read the revocation feed for {@code staleness} cannot tell whether a session was ended by
 * another process meanwhile, so it refuses token-only requests with {@link StorageUnavailable} until the feed reads
 * again (ADR 0031): a retry-later, never a sign-out.
 */
final class AuthenticateService implements AuthenticateUseCase {
    private static final int MAX_TRACKED_SESSIONS = 100_000;

    private final TokenVerifier verifier;
    private final SessionRevocations revocations;
    private final SessionRepository sessions;
    private final Clock clock;
    private final Duration staleness;
    /** When this process last wrote each session's "last used"; entries older than the resolution are swept out. */
    private final Map<SessionId, Instant> lastWritten = new ConcurrentHashMap<>();
    private volatile Instant nextSweep = Instant.MIN;

    AuthenticateService(TokenVerifier verifier, SessionRevocations revocations, SessionRepository sessions,
                        Clock clock, Duration staleness) {
        this.verifier = verifier;
        this.revocations = revocations;
        this.sessions = sessions;
        this.clock = clock;
        this.staleness = staleness;
    }

    @Override
    public Principal authenticate(TenantId tenantId, String bearerToken) {
        if (bearerToken == null || bearerToken.isBlank()) {
            throw new Unauthenticated(Unauthenticated.Reason.MISSING);
        }
        Principal principal = verifier.verify(tenantId, bearerToken);
        if (revocations.isRevoked(principal.sessionId())) {
            throw new Unauthenticated(Unauthenticated.Reason.INVALID);
        }
        if (revocations.staleFor(staleness)) {
            throw new StorageUnavailable();
        }
        recordUse(principal);
        return principal;
    }

    private void recordUse(Principal principal) {
        Instant now = clock.now();
        Instant written = lastWritten.get(principal.sessionId());
        if (written != null && now.isBefore(written.plus(Session.LAST_USED_RESOLUTION))) {
            return;
        }
        if (!now.isBefore(nextSweep)) {
            nextSweep = now.plus(Session.LAST_USED_RESOLUTION);
            lastWritten.values().removeIf(at -> !now.isBefore(at.plus(Session.LAST_USED_RESOLUTION)));
        }
        BoundedMaps.put(lastWritten, MAX_TRACKED_SESSIONS, principal.sessionId(), now);
        try {
            sessions.touch(principal.tenantId(), principal.sessionId(), now);
        } catch (StorageUnavailable unavailable) {
            // "last used" is coarse bookkeeping: a token-only request does not fail for it while the database is away
            // (ADR 0030), and the next write comes after the resolution like any other
        }
    }
}
