package dev.gatehouse.application.sessions;

import dev.gatehouse.application.fakes.AllFeatures;

import dev.gatehouse.application.support.SecretHashing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.fakes.FakeWorld;
import dev.gatehouse.application.fakes.RandomSecrets;
import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.auth.port.in.LoginUseCase;
import dev.gatehouse.application.sessions.port.in.ManageOwnSessionsUseCase.SessionView;
import dev.gatehouse.application.sessions.port.in.RefreshUseCase;
import dev.gatehouse.application.auth.port.in.RegisterUserUseCase;
import dev.gatehouse.application.sessions.port.in.SignOutUseCase.Scope;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.InvalidCredentials;
import dev.gatehouse.domain.error.RefreshTokenAlreadyRotated;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.user.PasswordHash;
import dev.gatehouse.domain.user.UserStatus;
import dev.gatehouse.domain.error.SessionNotFound;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.session.RevocationReason;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionUseCasesTest {
    private final FakeWorld world = new FakeWorld();
    private final Tenant tenant = world.newTenant("pk_sessions");
    private final ClientInfo laptop = new ClientInfo("10.0.0.1", "Firefox");

    {
        world.useCases.registerUser().register(new RegisterUserUseCase.Command(tenant.id(),
                new EmailAddress("ada@example.com"), new Password("long enough"), laptop, TokenProfile.NATIVE));
    }

    private Authenticated signIn(TokenProfile profile) {
        return world.useCases.login().login(new LoginUseCase.Command(tenant.id(), new EmailAddress("ada@example.com"),
                new Password("long enough"), laptop, profile)).authenticated();
    }

    private Authenticated refresh(Tenant at, String refreshToken) {
        return world.useCases.refresh().refresh(new RefreshUseCase.Command(at.id(), refreshToken, laptop));
    }

    private Principal principal(Authenticated auth) {
        return world.useCases.authenticate().authenticate(tenant.id(), auth.accessToken().value());
    }

    @Test
    void nativeSignInGetsAShortAccessTokenAndCompatKeepsTwelveHours() {
        Authenticated nativeAuth = signIn(TokenProfile.NATIVE);
        Authenticated compat = signIn(TokenProfile.COMPAT);

        assertThat(nativeAuth.accessToken().expiresAt()).isEqualTo(world.clock.now().plus(Duration.ofMinutes(15)));
        assertThat(compat.accessToken().expiresAt()).isEqualTo(world.clock.now().plus(Duration.ofHours(12)));
        assertThat(nativeAuth.refreshToken()).hasSizeGreaterThanOrEqualTo(43); // 256 bits, base64url
        assertThat(principal(nativeAuth).sessionId()).isEqualTo(nativeAuth.session().id());
        assertThat(nativeAuth.session().client()).isEqualTo(laptop);
    }

    @Test
    void refreshRotatesBothTokensAndStoresOnlyHashes() {
        Authenticated first = signIn(TokenProfile.NATIVE);
        world.clock.advance(Duration.ofMinutes(10));

        Authenticated second = refresh(tenant, first.refreshToken());

        assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
        assertThat(second.accessToken().value()).isNotEqualTo(first.accessToken().value());
        assertThat(second.session().id()).isEqualTo(first.session().id());
        assertThat(world.refreshGrants.findByHash(first.refreshToken())).isEmpty();
        assertThat(world.refreshGrants.findByHash(SecretHashing.sha256Hex(second.refreshToken()))).isPresent();
        assertThat(refresh(tenant, second.refreshToken()).session().id()).isEqualTo(first.session().id());
    }

    @Test
    void aRacingDuplicateWithinTheGraceWindowIsRefusedWithoutRevokingAnything() {
        Authenticated first = signIn(TokenProfile.NATIVE);
        Authenticated rotated = refresh(tenant, first.refreshToken());
        world.clock.advance(Duration.ofSeconds(2));

        assertThatThrownBy(() -> refresh(tenant, first.refreshToken())).isInstanceOf(RefreshTokenAlreadyRotated.class);
        assertThat(principal(rotated).sessionId()).isEqualTo(first.session().id());
        assertThat(refresh(tenant, rotated.refreshToken())).isNotNull();
    }

    @Test
    void reuseAfterTheGraceWindowEndsTheWholeSession() {
        Authenticated first = signIn(TokenProfile.NATIVE);
        Authenticated rotated = refresh(tenant, first.refreshToken());
        world.clock.advance(Duration.ofSeconds(6));

        assertThatThrownBy(() -> refresh(tenant, first.refreshToken())).isInstanceOf(Unauthenticated.class);
        assertThatThrownBy(() -> principal(rotated)).isInstanceOf(Unauthenticated.class);
        assertThatThrownBy(() -> refresh(tenant, rotated.refreshToken())).isInstanceOf(Unauthenticated.class);
        assertThat(world.sessions.findById(tenant.id(), first.session().id()).orElseThrow().revocationReason())
                .contains(RevocationReason.REFRESH_TOKEN_REUSED);
    }

    @Test
    void refreshTokensExpireAfterSevenDaysUnusedAndNeverOutliveTheSession() {
        Authenticated first = signIn(TokenProfile.NATIVE);
        world.clock.advance(Duration.ofDays(7));
        assertThatThrownBy(() -> refresh(tenant, first.refreshToken())).isInstanceOf(Unauthenticated.class);

        Authenticated second = signIn(TokenProfile.NATIVE);
        for (int day = 0; day < 29; day++) { // keep refreshing daily: the session still ends after 30 days
            world.clock.advance(Duration.ofDays(1));
            second = refresh(tenant, second.refreshToken());
        }
        assertThat(second.accessToken().expiresAt()).isBeforeOrEqualTo(second.session().expiresAt());
        world.clock.advance(Duration.ofDays(1));
        String last = second.refreshToken();
        assertThatThrownBy(() -> refresh(tenant, last)).isInstanceOf(Unauthenticated.class);
    }

    @Test
    void aRefreshTokenOfOneTenantIsUnknownAtAnother() {
        Tenant other = world.newTenant("pk_other");
        Authenticated first = signIn(TokenProfile.NATIVE);

        assertThatThrownBy(() -> refresh(other, first.refreshToken())).isInstanceOf(Unauthenticated.class);
        assertThat(refresh(tenant, first.refreshToken())).isNotNull(); // and it was not consumed there
    }

    @Test
    void garbageRefreshTokensAreUnauthenticated() {
        for (String junk : new String[] {null, "", " ", "x".repeat(500), "not-a-token"}) {
            assertThatThrownBy(() -> refresh(tenant, junk)).isInstanceOf(Unauthenticated.class);
        }
    }

    @Test
    void signOutEndsExactlyTheSessionsItShould() {
        Authenticated a = signIn(TokenProfile.NATIVE);
        Authenticated b = signIn(TokenProfile.NATIVE);
        Authenticated c = signIn(TokenProfile.NATIVE);

        assertThat(world.useCases.signOut().signOut(principal(a), Scope.CURRENT, ClientInfo.UNKNOWN)).isEqualTo(1);
        assertThatThrownBy(() -> principal(a)).isInstanceOf(Unauthenticated.class);
        assertThat(principal(b)).isNotNull();

        Principal fromB = principal(b);
        assertThat(world.useCases.signOut().signOut(fromB, Scope.OTHERS, ClientInfo.UNKNOWN)).isEqualTo(2); // c and the sign-up session
        assertThatThrownBy(() -> principal(c)).isInstanceOf(Unauthenticated.class);
        assertThat(principal(b)).isNotNull();

        assertThat(world.useCases.signOut().signOut(fromB, Scope.ALL, ClientInfo.UNKNOWN)).isEqualTo(1);
        assertThatThrownBy(() -> principal(b)).isInstanceOf(Unauthenticated.class);
        assertThatThrownBy(() -> refresh(tenant, b.refreshToken())).isInstanceOf(Unauthenticated.class);
    }

    @Test
    void usersListTheirActiveSessionsWithTheCurrentOneMarkedAndEndOnlyTheirOwn() {
        Authenticated a = signIn(TokenProfile.NATIVE);
        world.clock.advance(Duration.ofSeconds(1));
        Authenticated b = signIn(TokenProfile.NATIVE);

        List<SessionView> views = world.useCases.ownSessions().list(principal(b));
        assertThat(views).hasSize(3);
        assertThat(views.get(0).session().id()).isEqualTo(b.session().id());
        assertThat(views).filteredOn(SessionView::current).extracting(v -> v.session().id())
                .containsExactly(b.session().id());

        world.useCases.ownSessions().revoke(principal(b), a.session().id(), ClientInfo.UNKNOWN);
        assertThatThrownBy(() -> principal(a)).isInstanceOf(Unauthenticated.class);
        assertThatThrownBy(() -> world.useCases.ownSessions().revoke(principal(b), a.session().id(), ClientInfo.UNKNOWN))
                .isInstanceOf(SessionNotFound.class);

        world.useCases.registerUser().register(new RegisterUserUseCase.Command(tenant.id(),
                new EmailAddress("eve@example.com"), new Password("long enough"), laptop, TokenProfile.NATIVE));
        Authenticated eve = world.useCases.login().login(new LoginUseCase.Command(tenant.id(),
                new EmailAddress("eve@example.com"), new Password("long enough"), laptop, TokenProfile.NATIVE)).authenticated();
        assertThatThrownBy(() -> world.useCases.ownSessions().revoke(principal(eve), b.session().id(), ClientInfo.UNKNOWN))
                .isInstanceOf(SessionNotFound.class);
        assertThat(principal(b)).isNotNull();
    }

    @Test
    void anotherProcessLearnsOfARevocationOnItsNextPoll() {
        Authenticated a = signIn(TokenProfile.NATIVE);
        AllFeatures otherProcess = AllFeatures.otherProcess(world);
        otherProcess.revocationFeed().poll();
        assertThat(otherProcess.authenticate().authenticate(tenant.id(), a.accessToken().value())).isNotNull();

        world.useCases.signOut().signOut(principal(a), Scope.CURRENT, ClientInfo.UNKNOWN);
        assertThat(otherProcess.authenticate().authenticate(tenant.id(), a.accessToken().value()))
                .as("not polled yet: still accepted").isNotNull();
        assertThat(otherProcess.revocationFeed().poll()).isEqualTo(1);
        assertThatThrownBy(() -> otherProcess.authenticate().authenticate(tenant.id(), a.accessToken().value()))
                .isInstanceOf(Unauthenticated.class);
        assertThat(otherProcess.revocationFeed().poll()).as("seen already").isZero();
    }

    @Test
    void recordsUseCoarselyNotOnEveryRequest() {
        Authenticated a = signIn(TokenProfile.NATIVE);
        world.clock.advance(Duration.ofMinutes(1));
        principal(a);
        var firstUse = world.sessions.findById(tenant.id(), a.session().id()).orElseThrow().lastUsedAt();
        world.clock.advance(Duration.ofMinutes(1));
        principal(a);

        assertThat(firstUse).isEqualTo(world.clock.now().minus(Duration.ofMinutes(1)));
        assertThat(world.sessions.findById(tenant.id(), a.session().id()).orElseThrow().lastUsedAt()).isEqualTo(firstUse);
    }

    // ---- the security stamp -----------------------------------------------------------------------------------

    private dev.gatehouse.domain.user.User ada() {
        return world.users.findByEmail(tenant.id(), new EmailAddress("ada@example.com")).orElseThrow();
    }

    @Test
    void aSignInOvertakenByAResetWhileItCheckedThePasswordFailsLikeAWrongPasswordAndStoresNoSession() {
        var ada = ada();
        int before = world.sessions.findActiveByUser(tenant.id(), ada.id(), world.clock.now()).size();
        world.hasher.duringNextVerify(() -> world.users.updatePasswordHash(tenant.id(), ada.id(),
                world.hasher.hash(new Password("the new one"))));

        assertThatThrownBy(() -> signIn(TokenProfile.NATIVE)).isInstanceOf(InvalidCredentials.class);
        assertThat(world.sessions.findActiveByUser(tenant.id(), ada.id(), world.clock.now())).hasSize(before);
        assertThat(world.audit.events()).last().satisfies(event -> {
            assertThat(event.type()).isEqualTo(AuditEventType.LOGIN_FAILED);
            assertThat(event.details()).containsEntry("reason", "userChangedDuringSignIn");
        });
    }

    @Test
    void aSignInOvertakenByADisableOrARoleChangeFailsToo() {
        var ada = ada();
        world.hasher.duringNextVerify(() -> world.users.updateRole(tenant.id(), ada.id(), Role.USER));
        assertThatThrownBy(() -> signIn(TokenProfile.COMPAT)).isInstanceOf(InvalidCredentials.class);
        world.hasher.duringNextVerify(() -> world.users.updateStatus(tenant.id(), ada.id(), UserStatus.DISABLED));
        assertThatThrownBy(() -> signIn(TokenProfile.NATIVE)).isInstanceOf(InvalidCredentials.class);
    }

    @Test
    void aSessionOpenedBeforeAChangeOfItsUserIsNeverRefreshedEvenIfItsRevocationWasMissed() {
        Authenticated a = signIn(TokenProfile.NATIVE);
        world.users.updateRole(tenant.id(), ada().id(), Role.USER); // the stamp moves; no revocation here

        assertThatThrownBy(() -> refresh(tenant, a.refreshToken())).isInstanceOf(Unauthenticated.class);
    }

    @Test
    void aPasswordChangeKeepsItsOwnSessionRefreshableAndEndsTheOthers() {
        Authenticated kept = signIn(TokenProfile.NATIVE);
        Authenticated other = signIn(TokenProfile.NATIVE);

        world.useCases.changePassword().change(principal(kept), new Password("long enough"),
                new Password("longer than before"), laptop);

        assertThat(refresh(tenant, kept.refreshToken()).session().id()).isEqualTo(kept.session().id());
        assertThatThrownBy(() -> refresh(tenant, other.refreshToken())).isInstanceOf(Unauthenticated.class);

        // A change whose current-password check was overtaken by a reset is refused, and the reset stands.
        Authenticated next = signIn2("longer than before");
        PasswordHash reset = world.hasher.hash(new Password("set by a reset"));
        world.hasher.duringNextVerify(() -> world.users.updatePasswordHash(tenant.id(), ada().id(), reset));
        assertThatThrownBy(() -> world.useCases.changePassword().change(principal(next),
                new Password("longer than before"), new Password("what the thief wants"), laptop))
                .isInstanceOf(Unauthenticated.class);
        assertThat(ada().passwordHash()).isEqualTo(reset);
    }

    private Authenticated signIn2(String password) {
        return world.useCases.login().login(new LoginUseCase.Command(tenant.id(), new EmailAddress("ada@example.com"),
                new Password(password), laptop, TokenProfile.NATIVE)).authenticated();
    }
}
