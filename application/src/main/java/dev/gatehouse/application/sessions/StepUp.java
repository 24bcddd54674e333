package dev.gatehouse.application.sessions;

import dev.gatehouse.application.port.out.Clock;
import dev.gatehouse.application.port.out.SessionRepository;
import dev.gatehouse.domain.error.ReauthenticationRequired;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.session.Session;
import java.time.Duration;
import java.time.Instant;

/**
 * Step-up re-authentication: a sensitive change (second factors now; email change, identity linking and deletion
 * as they come) is allowed only while the caller's session proved its user recently, within the
 * re-authentication window ({@code GATEHOUSE_REAUTH_WINDOW}, 10 minutes by default). A sign-in, a second step,
 * a magic link and {@code POST /v1/auth/reauthenticate} set that time; a refresh does not.
 */
public record StepUp(SessionRepository sessions, Clock clock, Duration window) {
    /**
     * @throws ReauthenticationRequired when the caller's session proved its user longer ago than the window
     * @throws Unauthenticated when the session is gone or ended
     */
    public void require(Principal principal) {
        Instant now = clock.now();
        Session session = sessions.findById(principal.tenantId(), principal.sessionId())
                .filter(found -> found.isActiveAt(now))
                .orElseThrow(() -> new Unauthenticated(Unauthenticated.Reason.INVALID));
        if (!session.provedWithin(window, now)) {
            throw new ReauthenticationRequired();
        }
    }

    /** Records that the caller's session proved its user now; false when the session is gone or ended. */
    public boolean renew(Principal principal) {
        return sessions.markProved(principal.tenantId(), principal.sessionId(), clock.now());
    }
}
