package dev.gatehouse.application.fakes;

import dev.gatehouse.application.sessions.port.out.RefreshGrantRepository;
import dev.gatehouse.domain.session.RefreshGrant;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

public final class InMemoryRefreshGrantRepository implements RefreshGrantRepository, InMemoryStore {
    private Map<String, RefreshGrant> grants = new LinkedHashMap<>();

    @Override
    public synchronized void insert(RefreshGrant grant) {
        if (grants.putIfAbsent(grant.tokenHash(), grant) != null) {
            throw new IllegalStateException("duplicate refresh token hash");
        }
    }

    @Override
    public synchronized Optional<RefreshGrant> findByHash(String tokenHash) {
        return Optional.ofNullable(grants.get(tokenHash));
    }

    @Override
    public synchronized boolean markUsed(String tokenHash, Instant now) {
        RefreshGrant grant = grants.get(tokenHash);
        if (grant == null || grant.usedAt().isPresent()) {
            return false;
        }
        grants.put(tokenHash, new RefreshGrant(grant.tokenHash(), grant.sessionId(), grant.createdAt(),
                grant.expiresAt(), Optional.of(now)));
        return true;
    }

    public synchronized int count() {
        return grants.size();
    }

    @Override
    public synchronized Object snapshot() {
        return new LinkedHashMap<>(grants);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        grants = new LinkedHashMap<>((Map<String, RefreshGrant>) snapshot);
    }
}
