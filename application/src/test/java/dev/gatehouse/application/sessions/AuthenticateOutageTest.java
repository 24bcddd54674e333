package dev.gatehouse.application.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.auth.port.in.RegisterUserUseCase;
import dev.gatehouse.application.fakes.FakeWorld;
import dev.gatehouse.application.fakes.StoreOutage;
import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.application.port.out.SessionRepository;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.session.Session;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import org.junit.jupiter.api.Test;

/** A token-only request needs no database: its coarse "last used" write is skipped while the database is away. */
class AuthenticateOutageTest {
    private final FakeWorld world = new FakeWorld();
    private final Tenant tenant = world.newTenant("pk_auth_outage");
    private final StoreOutage outage = new StoreOutage();

    @Test
    void aValidTokenIsAcceptedWhileTheLastUsedWriteCannotBeMade() {
        Authenticated alice = world.useCases.registerUser().register(new RegisterUserUseCase.Command(tenant.id(),
                new EmailAddress("alice@outage.io"), new Password("long enough"), ClientInfo.UNKNOWN,
                TokenProfile.NATIVE)).authenticated();
        AuthenticateService authenticate = new AuthenticateService(world.tokens,
                new SessionRevocations(world.sessions, world.clock),
                outage.around(SessionRepository.class, world.sessions), world.clock);

        outage.begin();
        Principal principal = authenticate.authenticate(tenant.id(), alice.accessToken().value());
        world.clock.advance(Session.LAST_USED_RESOLUTION);
        assertThat(authenticate.authenticate(tenant.id(), alice.accessToken().value())).isEqualTo(principal);
    }
}
