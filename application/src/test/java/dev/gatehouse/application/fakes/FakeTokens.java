package dev.gatehouse.application.fakes;

import dev.gatehouse.application.port.out.Clock;
import dev.gatehouse.application.signingkeys.port.out.SigningKeyManagement;
import dev.gatehouse.application.sessions.port.out.TokenIssuer;
import dev.gatehouse.application.sessions.port.out.TokenVerifier;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.session.AccessToken;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.tenant.TenantId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Opaque tokens remembered in memory; verification honours audience and expiry like the real one. */
public final class FakeTokens implements TokenIssuer, TokenVerifier, SigningKeyManagement {
    private final Map<String, Principal> issued = new ConcurrentHashMap<>();
    private final Map<TenantId, Integer> keyGenerations = new ConcurrentHashMap<>();
    private final Clock clock;

    public FakeTokens(Clock clock) {
        this.clock = clock;
    }

    @Override
    public AccessToken issue(Principal principal) {
        keyGenerations.putIfAbsent(principal.tenantId(), 1);
        String value = "fake-token-" + principal.tokenId();
        issued.put(value, principal);
        return new AccessToken(value, principal.expiresAt());
    }

    @Override
    public Principal verify(TenantId audience, String token) {
        Principal principal = issued.get(token);
        if (principal == null || !principal.tenantId().equals(audience)) {
            throw new Unauthenticated(Unauthenticated.Reason.INVALID);
        }
        if (!clock.now().isBefore(principal.expiresAt())) {
            throw new Unauthenticated(Unauthenticated.Reason.EXPIRED);
        }
        return principal;
    }

    @Override
    public void rotate(TenantId tenantId) {
        keyGenerations.merge(tenantId, 1, Integer::sum);
    }

    @Override
    public int rotateKeysOlderThan(Duration age) {
        List<TenantId> due = List.copyOf(keyGenerations.keySet());
        due.forEach(this::rotate);
        return due.size();
    }

    @Override
    public List<String> publicJwks(Optional<TenantId> tenantId) {
        return keyGenerations.entrySet().stream()
                .filter(e -> tenantId.map(e.getKey()::equals).orElse(true))
                .map(e -> "{\"kid\":\"fake-" + e.getKey() + "-" + e.getValue() + "\"}")
                .toList();
    }

    /** How many keys the tenant has had (0 before its first token). */
    public int keyGeneration(TenantId tenantId) {
        return keyGenerations.getOrDefault(tenantId, 0);
    }
}
