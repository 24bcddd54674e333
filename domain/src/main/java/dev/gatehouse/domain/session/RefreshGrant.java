package dev.gatehouse.domain.session;

import dev.gatehouse.domain.Required;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A stored refresh token (only its hash), bound to a session. Each is good for one rotation: using it
 * marks it used and issues a successor. {@link #onPresentation} decides what presenting it means.
 */
public record RefreshGrant(String tokenHash, SessionId sessionId, Instant createdAt, Instant expiresAt,
                           Optional<Instant> usedAt) {

    public RefreshGrant {
        Required.nonNull("token hash", tokenHash, "session id", sessionId, "created at", createdAt,
                "expires at", expiresAt, "used at", usedAt);
    }

    /** A fresh grant that expires after {@code idleLifetime} unused, never after its session. */
    public static RefreshGrant issue(String tokenHash, Session session, Instant now, Duration idleLifetime) {
        Instant idleLimit = now.plus(idleLifetime);
        Instant expiresAt = idleLimit.isBefore(session.expiresAt()) ? idleLimit : session.expiresAt();
        return new RefreshGrant(tokenHash, session.id(), now, expiresAt, Optional.empty());
    }

    /** What presenting this grant at {@code now} amounts to. */
    public Presentation onPresentation(Instant now, Duration reuseGrace) {
        if (usedAt.isPresent()) {
            boolean racing = Duration.between(usedAt.get(), now).compareTo(reuseGrace) < 0;
            return racing ? Presentation.CONCURRENT_DUPLICATE : Presentation.REUSE_DETECTED;
        }
        return now.isBefore(expiresAt) ? Presentation.ROTATE : Presentation.EXPIRED;
    }

    public enum Presentation {
        /** Unused and unexpired: issue a successor and mark this one used. */
        ROTATE,
        /** Past its expiry: refuse, nothing else happens. */
        EXPIRED,
        /** Already used a moment ago, most likely by a racing request of the same client: refuse, revoke nothing. */
        CONCURRENT_DUPLICATE,
        /** Already used and the grace window is over: treat as theft and end the session. */
        REUSE_DETECTED
    }
}
