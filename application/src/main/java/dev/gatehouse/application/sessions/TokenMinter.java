package dev.gatehouse.application.sessions;

import dev.gatehouse.application.port.out.Clock;
import dev.gatehouse.application.port.out.IdGenerator;
import dev.gatehouse.application.sessions.port.out.TokenIssuer;
import dev.gatehouse.domain.session.AccessToken;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.session.Session;
import dev.gatehouse.domain.user.User;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Issues access tokens bound to a session; a token never outlives its session. */
record TokenMinter(TokenIssuer issuer, Clock clock, IdGenerator ids) {
    AccessToken mintFor(User user, Session session, Duration lifetime) {
        // JWT times have second precision: truncate so the principal equals what a verifier reads back.
        Instant now = clock.now().truncatedTo(ChronoUnit.SECONDS);
        Instant expiry = now.plus(lifetime);
        Instant sessionEnd = session.expiresAt().truncatedTo(ChronoUnit.SECONDS);
        Principal principal = new Principal(user.tenantId(), user.id(), user.accountId(), user.role(), session.id(),
                ids.newId().toString(), now, expiry.isAfter(sessionEnd) ? sessionEnd : expiry);
        return issuer.issue(principal);
    }
}
