package dev.gatehouse.application.sessions;

import dev.gatehouse.application.support.Settings;
import dev.gatehouse.application.support.SecretHashing;

import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.application.port.out.Clock;
import dev.gatehouse.application.port.out.IdGenerator;
import dev.gatehouse.application.sessions.port.out.RefreshGrantRepository;
import dev.gatehouse.application.port.out.SecretGenerator;
import dev.gatehouse.application.port.out.SessionRepository;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.RefreshGrant;
import dev.gatehouse.domain.session.Session;
import dev.gatehouse.domain.session.SessionId;
import dev.gatehouse.domain.user.User;

/**
 * Opens sessions and hands out token pairs. Work is split in three steps so that callers can store the
 * session inside their own unit of work but sign the access token only after it committed (signing may
 * create the tenant's signing key, which must never be rolled back under a token already handed out).
 * A session is bound to the user's security stamp as the sign-in read it, and stored only while the user is
 * unchanged since (docs/adr/0008-session-revocation.md): a sign-in or refresh that a session-ending change
 * overtook stores nothing.
 */
public final class SessionIssuer {
    /** 256 bits of randomness per refresh token. */
    static final int REFRESH_TOKEN_BYTES = 32;

    private final UserRepository users;
    private final SessionRepository sessions;
    private final RefreshGrantRepository grants;
    private final SecretGenerator secrets;
    private final TokenMinter minter;
    private final Clock clock;
    private final IdGenerator ids;
    private final Settings settings;

    SessionIssuer(UserRepository users, SessionRepository sessions, RefreshGrantRepository grants,
                  SecretGenerator secrets, TokenMinter minter, Clock clock, IdGenerator ids, Settings settings) {
        this.users = users;
        this.sessions = sessions;
        this.grants = grants;
        this.secrets = secrets;
        this.minter = minter;
        this.clock = clock;
        this.ids = ids;
        this.settings = settings;
    }

    /** A session not stored yet, with its first refresh token, bound to the stamp of {@code user} as read. */
    public Pending prepareNew(User user, ClientInfo client) {
        Session session = Session.open(new SessionId(ids.newId()), user, client, clock.now(),
                settings.sessionLifetime());
        return new Pending(session, true, newGrant(session));
    }

    /** The next refresh token of an existing session. */
    public Pending prepareRotation(Session session) {
        return new Pending(session, false, newGrant(session));
    }

    /**
     * Stores what {@code prepare...} made, inside the caller's unit of work, if the session's user still has the
     * session's stamp; locks the user's row until the unit of work ends. False, storing nothing, when a
     * session-ending change (or the user's deletion) came since: the caller fails as its credential would.
     */
    public boolean persist(Pending pending) {
        if (!userUnchanged(pending.session())) {
            return false;
        }
        if (pending.newSession()) {
            sessions.insert(pending.session());
        }
        grants.insert(pending.grant());
        return true;
    }

    /** Whether the session's user still has the stamp the session is bound to; if so, locks the user's row. */
    public boolean userUnchanged(Session session) {
        return users.lockUnchanged(session.tenantId(), session.userId(), session.securityStamp());
    }

    /** After commit: the access token. */
    public Authenticated complete(User user, Pending pending, TokenProfile profile) {
        var lifetime = profile == TokenProfile.COMPAT ? settings.compatAccessTokenLifetime()
                : settings.nativeAccessTokenLifetime();
        return new Authenticated(user, pending.session(), minter.mintFor(user, pending.session(), lifetime),
                pending.refreshToken());
    }

    private Grant newGrant(Session session) {
        String token = secrets.newSecret(REFRESH_TOKEN_BYTES);
        return new Grant(token, RefreshGrant.issue(SecretHashing.sha256Hex(token), session, clock.now(),
                settings.refreshIdleLifetime()));
    }

    private record Grant(String token, RefreshGrant stored) {
    }

    public static final class Pending {
        private final Session session;
        private final boolean newSession;
        private final Grant grant;

        private Pending(Session session, boolean newSession, Grant grant) {
            this.session = session;
            this.newSession = newSession;
            this.grant = grant;
        }

        public Session session() {
            return session;
        }

        public boolean newSession() {
            return newSession;
        }

        public RefreshGrant grant() {
            return grant.stored();
        }

        String refreshToken() {
            return grant.token();
        }
    }
}
