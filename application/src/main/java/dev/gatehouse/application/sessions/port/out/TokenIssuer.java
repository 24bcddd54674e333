package dev.gatehouse.application.sessions.port.out;

import dev.gatehouse.domain.session.AccessToken;
import dev.gatehouse.domain.session.Principal;

/** Signs access tokens. */
public interface TokenIssuer {

    /** A signed token carrying exactly the principal's claims, valid until {@code principal.expiresAt()}. */
    AccessToken issue(Principal principal);
}
