package dev.gatehouse.application.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.auth.port.in.RegisterUserUseCase;
import dev.gatehouse.application.fakes.FakeWorld;
import dev.gatehouse.application.fakes.StoreOutage;
import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.application.port.out.SessionRepository;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.session.Session;
import dev.gatehouse.domain.error.StorageUnavailable;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A token-only request needs no database: its coarse "last used" write is skipped while the database is away. But a
 * process that cannot read the revocation feed stops trusting its revocation set after the staleness bound (ADR 0031).
 */
class AuthenticateOutageTest {
    private final FakeWorld world = new FakeWorld();
    private final Tenant tenant = world.newTenant("pk_auth_outage");
    private final StoreOutage outage = new StoreOutage();

    private static final Duration STALENESS = Duration.ofSeconds(15);

    private Authenticated signUp(String email) {
        return world.useCases.registerUser().register(new RegisterUserUseCase.Command(tenant.id(),
                new EmailAddress(email), new Password("long enough"), ClientInfo.UNKNOWN,
                TokenProfile.NATIVE)).authenticated();
    }

    @Test
    void aValidTokenIsAcceptedWhileTheLastUsedWriteCannotBeMade() {
        Authenticated alice = signUp("alice@outage.io");
        AuthenticateService authenticate = new AuthenticateService(world.tokens,
                new SessionRevocations(world.sessions, world.clock),
                outage.around(SessionRepository.class, world.sessions), world.clock,
                Session.LAST_USED_RESOLUTION.multipliedBy(2)); // the staleness bound is the next test's subject

        outage.begin();
        Principal principal = authenticate.authenticate(tenant.id(), alice.accessToken().value());
        world.clock.advance(Session.LAST_USED_RESOLUTION);
        assertThat(authenticate.authenticate(tenant.id(), alice.accessToken().value())).isEqualTo(principal);
    }

    @Test
    void tokensAreRefusedAsUnavailableOnceTheRevocationFeedHasNotBeenReadForTheBoundAndAcceptedWhenItReadsAgain() {
        Authenticated alice = signUp("alice@stale.io");
        Authenticated bob = signUp("bob@stale.io");
        SessionRepository sessions = outage.around(SessionRepository.class, world.sessions);
        SessionRevocations revocations = new SessionRevocations(sessions, world.clock);
        AuthenticateService authenticate = new AuthenticateService(world.tokens, revocations, sessions, world.clock,
                STALENESS);
        revocations.poll();
        Principal bobs = authenticate.authenticate(tenant.id(), bob.accessToken().value());
        revocations.revokedHere(world.sessions.findById(tenant.id(), bobs.sessionId()).orElseThrow());

        outage.begin();
        assertThatThrownBy(revocations::poll).isInstanceOf(StorageUnavailable.class);
        world.clock.advance(STALENESS);
        assertThat(revocations.staleFor(STALENESS)).isFalse();
        assertThat(authenticate.authenticate(tenant.id(), alice.accessToken().value()).userId())
                .as("within the bound the in-memory set is trusted").isNotNull();
        world.clock.advance(Duration.ofMillis(1));
        assertThat(revocations.staleFor(STALENESS)).isTrue();
        assertThatThrownBy(() -> authenticate.authenticate(tenant.id(), alice.accessToken().value()))
                .as("past the bound a session ended elsewhere might be accepted: retry later, not signed out")
                .isInstanceOf(StorageUnavailable.class);
        assertThatThrownBy(() -> authenticate.authenticate(tenant.id(), bob.accessToken().value()))
                .as("a session known to be ended stays refused as such").isInstanceOf(Unauthenticated.class);
        assertThatThrownBy(() -> authenticate.authenticate(tenant.id(), "not.a.token"))
                .isInstanceOf(Unauthenticated.class);

        outage.end();
        revocations.poll();
        assertThat(authenticate.authenticate(tenant.id(), alice.accessToken().value()).userId()).isNotNull();
    }

    @Test
    void introspectionDuringAnOutageIsAnOutageNotAnInactiveToken() {
        Authenticated alice = signUp("alice@introspect.io");
        IntrospectService introspect = new IntrospectService(world.useCases.authenticate(),
                outage.around(dev.gatehouse.application.port.out.UserRepository.class, world.users));
        dev.gatehouse.application.port.in.RootAuthority root = new dev.gatehouse.application.port.in.RootAuthority(
                tenant.id());
        assertThat(introspect.introspect(root, alice.accessToken().value()).active()).isTrue();

        outage.begin();
        assertThatThrownBy(() -> introspect.introspect(root, alice.accessToken().value()))
                .isInstanceOf(StorageUnavailable.class);
        assertThat(introspect.introspect(root, "not.a.token").active()).as("a bad token needs no database").isFalse();
    }
}
