package dev.gatehouse.application.service;

import dev.gatehouse.application.port.out.Clock;
import dev.gatehouse.application.port.out.IdGenerator;
import dev.gatehouse.application.port.out.TokenIssuer;
import dev.gatehouse.domain.session.AccessToken;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.user.User;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Issues the access token a user gets after signing up or in. */
final class TokenMinter {
    private final TokenIssuer issuer;
    private final Clock clock;
    private final IdGenerator ids;
    private final Duration lifetime;

    TokenMinter(TokenIssuer issuer, Clock clock, IdGenerator ids, Duration lifetime) {
        this.issuer = issuer;
        this.clock = clock;
        this.ids = ids;
        this.lifetime = lifetime;
    }

    AccessToken mintFor(User user) {
        // JWT times have second precision: truncate so the principal equals what a verifier reads back.
        Instant now = clock.now().truncatedTo(ChronoUnit.SECONDS);
        Principal principal = new Principal(user.tenantId(), user.id(), user.accountId(), user.role(),
                ids.newId().toString(), now, now.plus(lifetime));
        return issuer.issue(principal);
    }
}
