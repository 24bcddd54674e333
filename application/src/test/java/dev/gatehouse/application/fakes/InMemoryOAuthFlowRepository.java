package dev.gatehouse.application.fakes;

import dev.gatehouse.application.oauth.port.out.OAuthFlowRepository;
import dev.gatehouse.domain.oauth.OAuthFlow;
import dev.gatehouse.domain.oauth.OAuthGrant;
import dev.gatehouse.domain.tenant.TenantId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Browser sign-ins under way and finished ones in memory; each method is atomic (synchronized). */
public final class InMemoryOAuthFlowRepository implements OAuthFlowRepository, InMemoryStore {
    private record GrantKey(TenantId tenant, OAuthGrant.Kind kind, String key) {
    }

    private record State(Map<String, OAuthFlow> flows, Map<GrantKey, OAuthGrant> grants) {
        State copy() {
            return new State(new HashMap<>(flows), new HashMap<>(grants));
        }
    }

    private State state = new State(new HashMap<>(), new HashMap<>());

    @Override
    public synchronized void insertFlow(OAuthFlow flow) {
        if (state.flows().putIfAbsent(flow.stateHash(), flow) != null) {
            throw new IllegalStateException("duplicate OAuth state hash");
        }
    }

    @Override
    public synchronized Optional<OAuthFlow> takeFlow(String stateHash) {
        return Optional.ofNullable(state.flows().remove(stateHash));
    }

    @Override
    public synchronized void insertGrant(OAuthGrant grant) {
        if (state.grants().putIfAbsent(new GrantKey(grant.tenantId(), grant.kind(), grant.key()), grant) != null) {
            throw new IllegalStateException("duplicate OAuth grant key");
        }
    }

    @Override
    public synchronized Optional<OAuthGrant> takeGrant(TenantId tenant, OAuthGrant.Kind kind, String key) {
        return Optional.ofNullable(state.grants().remove(new GrantKey(tenant, kind, key)));
    }

    @Override
    public synchronized Optional<OAuthGrant> findGrant(TenantId tenant, OAuthGrant.Kind kind, String key) {
        return Optional.ofNullable(state.grants().get(new GrantKey(tenant, kind, key)));
    }

    @Override
    public synchronized int deleteExpired(Instant now) {
        int before = state.flows().size() + state.grants().size();
        state.flows().values().removeIf(flow -> flow.expiresAt().isBefore(now));
        state.grants().values().removeIf(grant -> grant.expiresAt().isBefore(now));
        return before - state.flows().size() - state.grants().size();
    }

    /** How many flows and grants are held, expired or not. */
    public synchronized int size() {
        return state.flows().size() + state.grants().size();
    }

    /** Everything held, for tests that check what is (not) stored. */
    @Override
    public synchronized String toString() {
        return "InMemoryOAuthFlowRepository" + state;
    }

    @Override
    public synchronized Object snapshot() {
        return state.copy();
    }

    @Override
    public synchronized void restore(Object snapshot) {
        state = ((State) snapshot).copy();
    }
}
