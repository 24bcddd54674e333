package dev.gatehouse.application.sessions;

import dev.gatehouse.application.port.in.CacheStats;
import dev.gatehouse.application.port.out.MfaChallengeRepository;
import dev.gatehouse.application.port.out.MfaRepository;
import dev.gatehouse.application.port.out.SessionRepository;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.application.sessions.port.in.AuthenticateUseCase;
import dev.gatehouse.application.sessions.port.in.GetCurrentUserUseCase;
import dev.gatehouse.application.sessions.port.in.IntrospectUseCase;
import dev.gatehouse.application.sessions.port.in.ManageOwnSessionsUseCase;
import dev.gatehouse.application.sessions.port.in.RefreshUseCase;
import dev.gatehouse.application.sessions.port.in.RevocationFeedUseCase;
import dev.gatehouse.application.sessions.port.in.SessionsUseCases;
import dev.gatehouse.application.sessions.port.in.SignOutUseCase;
import dev.gatehouse.application.sessions.port.out.RefreshGrantRepository;
import dev.gatehouse.application.sessions.port.out.TokenIssuer;
import dev.gatehouse.application.sessions.port.out.TokenVerifier;
import dev.gatehouse.application.support.Essentials;

/**
 * Wires the sessions feature. Every feature that opens a session does it through {@link #issuer()}; every one that
 * ends sessions tells {@link #revocations()}, so this process stops accepting their tokens at once.
 */
public final class SessionsFeature implements SessionsUseCases {
    private final SessionIssuer issuer;
    private final StepUp stepUp;
    private final SessionRevocations revocations;
    private final AuthenticateService authenticate;
    private final GetCurrentUserService currentUser;
    private final RefreshService refresh;
    private final SignOutService signOut;
    private final OwnSessionsService ownSessions;
    private final IntrospectService introspect;

    public SessionsFeature(UserRepository users, SessionRepository sessions, RefreshGrantRepository grants,
                           MfaRepository factors, MfaChallengeRepository challenges, TokenIssuer tokenIssuer,
                           TokenVerifier tokenVerifier, Essentials essentials) {
        TokenMinter minter = new TokenMinter(tokenIssuer, essentials.clock(), essentials.ids());
        this.issuer = new SessionIssuer(users, sessions, grants, factors, challenges, minter, essentials);
        this.stepUp = new StepUp(sessions, essentials.clock(), essentials.settings().reauthWindow());
        this.revocations = new SessionRevocations(sessions, essentials.clock());
        this.authenticate = new AuthenticateService(tokenVerifier, revocations, sessions, essentials.clock(),
                essentials.settings().revocationStaleness());
        this.currentUser = new GetCurrentUserService(users, revocations, essentials.clock());
        this.refresh = new RefreshService(grants, sessions, users, issuer, revocations, essentials.transactions(),
                essentials.clock(), essentials.settings().refreshReuseGrace(), essentials.audit());
        this.signOut = new SignOutService(sessions, revocations, essentials.clock(), essentials.transactions(),
                essentials.audit());
        this.ownSessions = new OwnSessionsService(sessions, revocations, essentials.clock(), essentials.transactions(),
                essentials.audit());
        this.introspect = new IntrospectService(authenticate, users);
    }

    public SessionIssuer issuer() {
        return issuer;
    }

    /** Step-up re-authentication for the sensitive changes of other features. */
    public StepUp stepUp() {
        return stepUp;
    }

    public SessionRevocations revocations() {
        return revocations;
    }

    @Override
    public AuthenticateUseCase authenticate() {
        return authenticate;
    }

    @Override
    public GetCurrentUserUseCase currentUser() {
        return currentUser;
    }

    /** How the signed-in users' cache (ADR 0020) has done since start: for the operator's metrics. */
    public CacheStats userCacheStats() {
        return currentUser.stats();
    }

    @Override
    public RefreshUseCase refresh() {
        return refresh;
    }

    @Override
    public SignOutUseCase signOut() {
        return signOut;
    }

    @Override
    public ManageOwnSessionsUseCase ownSessions() {
        return ownSessions;
    }

    @Override
    public RevocationFeedUseCase revocationFeed() {
        return revocations;
    }

    @Override
    public IntrospectUseCase introspect() {
        return introspect;
    }
}
