package dev.gatehouse.application.sessions;

import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.port.in.SecondFactorRequired;
import dev.gatehouse.application.port.in.SignInOutcome;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.application.port.out.MfaChallengeRepository;
import dev.gatehouse.application.port.out.MfaRepository;
import dev.gatehouse.application.port.out.SessionRepository;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.application.sessions.port.out.RefreshGrantRepository;
import dev.gatehouse.application.support.Essentials;
import dev.gatehouse.application.support.SecretHashing;
import dev.gatehouse.domain.mfa.MfaChallenge;
import dev.gatehouse.domain.mfa.TotpFactor;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.RefreshGrant;
import dev.gatehouse.domain.session.Session;
import dev.gatehouse.domain.session.SessionId;
import dev.gatehouse.domain.tenant.MfaPolicy;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.User;

/**
 * The session gate: the one place sessions open (docs/adr/0023-mfa-and-the-session-gate.md). A sign-in whose
 * credential was right asks {@link #prepareSignIn}, which applies the user's second factor and the tenant's MFA
 * policy: it prepares either a session or a second step (an {@code mfaToken}). Only two other doors exist, each
 * named for its one caller: {@link #prepareAfterSecondFactor} (the mfa feature, once a code proved the factor)
 * and {@link #prepareImpersonation} (the root authority acting as a user); ArchitectureTest holds them to those
 * callers, and a session cannot be stored any other way ({@link SessionRepository#insert} is called only here).
 *
 * <p>Work is split in three steps so that callers can store the session inside their own unit of work but sign
 * the access token only after it committed (signing may create the tenant's signing key, which must never be
 * rolled back under a token already handed out). A session is bound to the user's security stamp as the sign-in
 * read it, and stored only while the user is unchanged since (docs/adr/0008-session-revocation.md): a sign-in or
 * refresh that a session-ending change overtook stores nothing.
 */
public final class SessionIssuer {
    /** 256 bits of randomness per refresh token. */
    static final int REFRESH_TOKEN_BYTES = 32;
    /** 256 bits of randomness per mfaToken; it is stored as its SHA-256 only. */
    static final int MFA_TOKEN_BYTES = 32;

    private final UserRepository users;
    private final SessionRepository sessions;
    private final RefreshGrantRepository grants;
    private final MfaRepository factors;
    private final MfaChallengeRepository challenges;
    private final TokenMinter minter;
    private final Essentials essentials;

    SessionIssuer(UserRepository users, SessionRepository sessions, RefreshGrantRepository grants,
                  MfaRepository factors, MfaChallengeRepository challenges, TokenMinter minter,
                  Essentials essentials) {
        this.users = users;
        this.sessions = sessions;
        this.grants = grants;
        this.factors = factors;
        this.challenges = challenges;
        this.minter = minter;
        this.essentials = essentials;
    }

    /**
     * The gate: what a sign-in of {@code user}, whose credential (password, mailbox proof) was right, opens. A
     * user with a confirmed second factor gets a second step; so does, under the tenant's {@code mfa.required:
     * all}, a user without one (to enrol one); everybody else a session.
     */
    public Pending prepareSignIn(Tenant tenant, User user, ClientInfo client) {
        boolean hasFactor = factors.findTotp(tenant.id(), user.id()).filter(TotpFactor::isConfirmed).isPresent();
        if (hasFactor) {
            return prepareChallenge(user, MfaChallenge.Purpose.VERIFY);
        }
        if (tenant.settings().mfa() == MfaPolicy.ALL) {
            return prepareChallenge(user, MfaChallenge.Purpose.ENROL);
        }
        return prepareSession(user, client).gated(tenant.settings().mfa());
    }

    /** Whether {@link #prepareSignIn} would ask {@code user} for a second step (nothing is prepared or stored). */
    public boolean asksSecondStep(Tenant tenant, User user) {
        return tenant.settings().mfa() == MfaPolicy.ALL
                || factors.findTotp(tenant.id(), user.id()).filter(TotpFactor::isConfirmed).isPresent();
    }

    /** A session for a user whose second step was proved just now (its challenge spent in the same unit of work). */
    public Pending prepareAfterSecondFactor(User user, ClientInfo client) {
        return prepareSession(user, client);
    }

    /**
     * A session for the root authority acting as {@code user} (impersonation): the root token or an operator
     * proved who is acting, and the user proves nothing, so no second factor is asked.
     */
    public Pending prepareImpersonation(User user, ClientInfo client) {
        return prepareSession(user, client);
    }

    /** The next refresh token of an existing session. */
    public Pending prepareRotation(Session session) {
        return new Pending(session, false, newGrant(session), null);
    }

    private Pending prepareSession(User user, ClientInfo client) {
        Session session = Session.open(new SessionId(essentials.ids().newId()), user, client,
                essentials.clock().now(), essentials.settings().sessionLifetime());
        return new Pending(session, true, newGrant(session), null);
    }

    private Pending prepareChallenge(User user, MfaChallenge.Purpose purpose) {
        String token = SecondFactorRequired.TOKEN_PREFIX + essentials.secrets().newSecret(MFA_TOKEN_BYTES);
        MfaChallenge challenge = MfaChallenge.issue(SecretHashing.sha256Hex(token), user.tenantId(), user.id(),
                purpose, essentials.clock().now(), user.securityStamp());
        return new Pending(null, false, null, new Challenge(token, challenge, user));
    }

    /**
     * Stores what {@code prepare...} made, inside the caller's unit of work, if the user still has the stamp it
     * had when read; locks the user's row until the unit of work ends. False, storing nothing, when a
     * session-ending change (or the user's deletion) came since: the caller fails as its credential would.
     */
    public boolean persist(Pending pending) {
        if (pending.challenge != null) {
            User user = pending.challenge.user();
            if (!users.lockUnchanged(user.tenantId(), user.id(), user.securityStamp())) {
                return false;
            }
            challenges.insert(pending.challenge.stored());
            return true;
        }
        if (!userUnchanged(pending.session())) {
            return false;
        }
        // The gate let this sign-in through with no factor: if one was turned on since (which locks the same row
        // first), the sign-in fails as if overtaken, rather than open a session past it.
        if (pending.gatedUnder != null && factors.findTotp(pending.session.tenantId(), pending.session.userId())
                .filter(TotpFactor::isConfirmed).isPresent()) {
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

    /** After commit: the access token, or the second step the sign-in needs. */
    public SignInOutcome complete(User user, Pending pending, TokenProfile profile) {
        if (pending.challenge != null) {
            MfaChallenge stored = pending.challenge.stored();
            return new SecondFactorRequired(user, pending.challenge.token(), stored.purpose(), stored.expiresAt());
        }
        return completeSession(user, pending, profile);
    }

    /** After commit: the access token of a session (rotation, impersonation, a proved second step). */
    public Authenticated completeSession(User user, Pending pending, TokenProfile profile) {
        if (pending.challenge != null) {
            throw new IllegalStateException("this sign-in needs its second step");
        }
        var lifetime = profile == TokenProfile.COMPAT ? essentials.settings().compatAccessTokenLifetime()
                : essentials.settings().nativeAccessTokenLifetime();
        return new Authenticated(user, pending.session(), minter.mintFor(user, pending.session(), lifetime),
                pending.refreshToken());
    }

    private Grant newGrant(Session session) {
        String token = essentials.secrets().newSecret(REFRESH_TOKEN_BYTES);
        return new Grant(token, RefreshGrant.issue(SecretHashing.sha256Hex(token), session,
                essentials.clock().now(), essentials.settings().refreshIdleLifetime()));
    }

    private record Grant(String token, RefreshGrant stored) {
    }

    private record Challenge(String token, MfaChallenge stored, User user) {
    }

    /** A session (with its refresh token) or a second step, prepared and not stored yet. */
    public static final class Pending {
        private final Session session;
        private final boolean newSession;
        private final Grant grant;
        private final Challenge challenge;
        private final MfaPolicy gatedUnder;

        private Pending(Session session, boolean newSession, Grant grant, Challenge challenge) {
            this(session, newSession, grant, challenge, null);
        }

        private Pending(Session session, boolean newSession, Grant grant, Challenge challenge, MfaPolicy gatedUnder) {
            this.session = session;
            this.newSession = newSession;
            this.grant = grant;
            this.challenge = challenge;
            this.gatedUnder = gatedUnder;
        }

        private Pending gated(MfaPolicy policy) {
            return new Pending(session, newSession, grant, challenge, policy);
        }

        /** Whether this opens no session yet but asks for a second step. */
        public boolean needsSecondStep() {
            return challenge != null;
        }

        /** @throws IllegalStateException for a second step, which has no session */
        public Session session() {
            if (challenge != null) {
                throw new IllegalStateException("a second step has no session yet");
            }
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
