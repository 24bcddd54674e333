package dev.gatehouse.application.fakes;

import dev.gatehouse.application.port.out.MfaChallengeRepository;
import dev.gatehouse.domain.mfa.MfaChallenge;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.UserId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** Open MFA challenges in memory, keyed by token hash; each method is atomic (synchronized). */
public final class InMemoryMfaChallengeRepository implements MfaChallengeRepository, InMemoryStore {
    private Map<String, MfaChallenge> challenges = new HashMap<>();

    @Override
    public synchronized void insert(MfaChallenge challenge) {
        if (challenges.putIfAbsent(challenge.tokenHash(), challenge) != null) {
            throw new IllegalStateException("duplicate MFA token hash");
        }
    }

    @Override
    public synchronized Optional<MfaChallenge> find(String tokenHash) {
        return Optional.ofNullable(challenges.get(tokenHash));
    }

    @Override
    public synchronized int recordFailure(String tokenHash) {
        MfaChallenge c = challenges.get(tokenHash);
        if (c == null) {
            return 0;
        }
        MfaChallenge failed = new MfaChallenge(c.tokenHash(), c.tenantId(), c.userId(), c.purpose(), c.createdAt(),
                c.expiresAt(), c.failures() + 1, c.securityStamp());
        challenges.put(tokenHash, failed);
        return failed.failures();
    }

    @Override
    public synchronized boolean spend(String tokenHash, Instant now) {
        MfaChallenge c = challenges.get(tokenHash);
        if (c == null || !c.isLiveAt(now)) {
            return false;
        }
        challenges.remove(tokenHash);
        return true;
    }

    @Override
    public synchronized int deleteForUser(TenantId tenantId, UserId userId) {
        return deleteWhere(c -> c.tenantId().equals(tenantId) && c.userId().equals(userId));
    }

    @Override
    public synchronized int deleteExpired(Instant now) {
        return deleteWhere(c -> !c.isLiveAt(now));
    }

    private int deleteWhere(Predicate<MfaChallenge> doomed) {
        int before = challenges.size();
        challenges.values().removeIf(doomed);
        return before - challenges.size();
    }

    @Override
    public synchronized Object snapshot() {
        return new HashMap<>(challenges);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        challenges = new HashMap<>((Map<String, MfaChallenge>) snapshot);
    }
}
