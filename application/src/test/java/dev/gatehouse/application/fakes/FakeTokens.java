package dev.gatehouse.application.fakes;

import dev.gatehouse.application.port.out.Clock;
import dev.gatehouse.application.port.out.TokenIssuer;
import dev.gatehouse.application.port.out.TokenVerifier;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.session.AccessToken;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.tenant.TenantId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Opaque tokens remembered in memory; verification honours audience and expiry like the real one. */
public final class FakeTokens implements TokenIssuer, TokenVerifier {
    private final Map<String, Principal> issued = new ConcurrentHashMap<>();
    private final Clock clock;

    public FakeTokens(Clock clock) {
        this.clock = clock;
    }

    @Override
    public AccessToken issue(Principal principal) {
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
}
