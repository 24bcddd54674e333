package dev.gatehouse.application.oauth.port.out;

import dev.gatehouse.domain.oauth.OAuthFlow;
import dev.gatehouse.domain.oauth.OAuthGrant;
import dev.gatehouse.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Optional;

/**
 * The short-lived state of browser sign-ins: flows started at a provider ({@link OAuthFlow}, keyed by the hash of the
 * state sent to it) and finished sign-ins waiting to be picked up ({@link OAuthGrant}). Each is single use: taking one
 * deletes it in the same statement, so of two concurrent takers (on any process) exactly one gets it.
 */
public interface OAuthFlowRepository {

    void insertFlow(OAuthFlow flow);

    /** Deletes and returns the flow with that state hash, expired or not (the caller checks). */
    Optional<OAuthFlow> takeFlow(String stateHash);

    void insertGrant(OAuthGrant grant);

    /** Deletes and returns the grant of that tenant, kind and key, expired or not (the caller checks). */
    Optional<OAuthGrant> takeGrant(TenantId tenant, OAuthGrant.Kind kind, String key);

    /** Whether such a grant exists (a compat poll from another source must not spend it). */
    Optional<OAuthGrant> findGrant(TenantId tenant, OAuthGrant.Kind kind, String key);

    /** Housekeeping: deletes flows and grants that expired before {@code now}; returns how many. */
    int deleteExpired(Instant now);
}
