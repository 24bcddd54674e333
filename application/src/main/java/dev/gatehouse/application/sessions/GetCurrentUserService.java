package dev.gatehouse.application.sessions;

import dev.gatehouse.application.support.BoundedMaps;
import dev.gatehouse.application.sessions.port.in.GetCurrentUserUseCase;
import dev.gatehouse.application.port.in.CacheStats;
import dev.gatehouse.application.port.out.Clock;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.session.SessionId;
import dev.gatehouse.domain.user.User;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The signed-in user, from a cache keyed by session so that a warm token-only request does no database
 * query (docs/adr/0020-session-keyed-user-cache.md). Correct because everything that changes who a user
 * is (role, account, status, removal, deletion, password change or reset) ends that user's sessions
 * through {@link SessionRevocations}: a revoked session is refused here before the cache is read, and its
 * entry is dropped. Fields that change without ending sessions (for instance the email-verified flag)
 * are re-read at the latest after {@link #MAX_AGE}.
 */
final class GetCurrentUserService implements GetCurrentUserUseCase {
    /** An entry is re-read from the store after this long even if its session lives on. */
    static final Duration MAX_AGE = Duration.ofSeconds(30);
    /**
     * Bound on memory: when reached, the cache starts over (warm again after one query per session). Entries older
     * than {@link #MAX_AGE} are swept out at most once per {@code MAX_AGE} as well, so the cache holds the sessions
     * of the last half minute or so, not every session ever seen (a long run filled it with dead entries).
     */
    static final int MAX_ENTRIES = 100_000;

    private final UserRepository users;
    private final SessionRevocations revocations;
    private final Clock clock;
    private final Map<SessionId, Entry> bySession = new ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private volatile Instant nextSweep = Instant.MIN;

    private record Entry(User user, Instant loadedAt) {
    }

    GetCurrentUserService(UserRepository users, SessionRevocations revocations, Clock clock) {
        this.users = users;
        this.revocations = revocations;
        this.clock = clock;
        revocations.onRevoked(bySession::remove);
    }

    @Override
    public User currentUser(Principal principal) {
        SessionId session = principal.sessionId();
        if (revocations.isRevoked(session)) {
            bySession.remove(session);
            throw new Unauthenticated(Unauthenticated.Reason.INVALID);
        }
        Instant now = clock.now();
        Entry cached = bySession.get(session);
        if (cached != null && now.isBefore(cached.loadedAt().plus(MAX_AGE))
                && cached.user().id().equals(principal.userId()) && cached.user().tenantId().equals(principal.tenantId())) {
            hits.increment();
            return cached.user();
        }
        misses.increment();
        User user = users.findById(principal.tenantId(), principal.userId())
                .filter(User::maySignIn)
                .orElseThrow(() -> {
                    bySession.remove(session);
                    return new Unauthenticated(Unauthenticated.Reason.INVALID);
                });
        sweep(now);
        BoundedMaps.put(bySession, MAX_ENTRIES, session, new Entry(user, now));
        if (revocations.isRevoked(session)) {
            // revoked while we read: do not leave the entry behind (it would be refused anyway)
            bySession.remove(session);
        }
        return user;
    }

    @Override
    public void remember(Principal principal, User changed) {
        if (!changed.id().equals(principal.userId()) || !changed.tenantId().equals(principal.tenantId())) {
            throw new IllegalArgumentException("a session's cache entry holds that session's own user only");
        }
        BoundedMaps.put(bySession, MAX_ENTRIES, principal.sessionId(), new Entry(changed, clock.now()));
        if (revocations.isRevoked(principal.sessionId())) {
            bySession.remove(principal.sessionId());
        }
    }

    private void sweep(Instant now) {
        if (now.isBefore(nextSweep)) {
            return;
        }
        nextSweep = now.plus(MAX_AGE);
        bySession.values().removeIf(entry -> !now.isBefore(entry.loadedAt().plus(MAX_AGE)));
    }

    int cachedSessions() {
        return bySession.size();
    }

    /** Look-ups answered from the cache and those that read the store, since start (the operator's metrics). */
    CacheStats stats() {
        return new CacheStats(hits.sum(), misses.sum(), bySession.size());
    }
}
