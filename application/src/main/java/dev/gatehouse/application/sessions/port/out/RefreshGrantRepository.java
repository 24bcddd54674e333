package dev.gatehouse.application.sessions.port.out;

import dev.gatehouse.domain.session.RefreshGrant;
import java.time.Instant;
import java.util.Optional;

/** Refresh tokens, stored only as hashes. */
public interface RefreshGrantRepository {

    void insert(RefreshGrant grant);

    Optional<RefreshGrant> findByHash(String tokenHash);

    /**
     * Marks the grant used, only if it is still unused (compare-and-set): of two concurrent calls for
     * one grant exactly one returns true.
     */
    boolean markUsed(String tokenHash, Instant now);
}
