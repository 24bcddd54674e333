package dev.gatehouse.application.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.gatehouse.application.fakes.FakeWorld;
import dev.gatehouse.application.auth.port.in.LoginUseCase;
import dev.gatehouse.application.auth.port.in.RegisterUserUseCase;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.InvalidCredentials;
import dev.gatehouse.domain.error.RateLimited;
import dev.gatehouse.domain.policy.PasswordPolicy;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.tenant.RateLimit;
import dev.gatehouse.domain.tenant.RateLimitKind;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.tenant.TenantSettings;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RateLimitsTest {
    private static final String PASSWORD = "long enough";

    private final FakeWorld world = FakeWorld.withRateLimits();
    private final Tenant tenant = tenant("pk_limits", TenantSettings.DEFAULT
            .withRateLimit(RateLimitKind.LOGIN_PER_IP, RateLimit.perMinute(1000))
            .withRateLimit(RateLimitKind.SIGNUP_PER_IP, RateLimit.perMinute(1000)));

    private Tenant tenant(String key, TenantSettings settings) {
        Tenant created = Tenant.create(new TenantId(UUID.randomUUID()), "Tenant " + key, key,
                settings.withAllowedOrigins(Set.of("*")).withPasswordPolicy(PasswordPolicy.DEFAULT), world.clock.now());
        world.tenants.insert(created);
        return created;
    }

    private void register(Tenant in, String email, String ip) {
        world.useCases.registerUser().register(new RegisterUserUseCase.Command(in.id(), new EmailAddress(email),
                new Password(PASSWORD), new ClientInfo(ip, "test"), TokenProfile.NATIVE));
    }

    private Throwable login(Tenant in, String email, String password, String ip) {
        return catchThrowable(() -> world.useCases.login().login(new LoginUseCase.Command(in.id(),
                new EmailAddress(email), new Password(password), new ClientInfo(ip, "test"), TokenProfile.NATIVE)));
    }

    @Test
    void throttlesOneSourceOnOneAccountAfterTenFailuresWhileOtherSourcesGoOn() {
        register(tenant, "ada@example.com", "10.0.0.1");
        for (int i = 0; i < 10; i++) {
            assertThat(login(tenant, "ada@example.com", "wrong password", "203.0.113.9")).isInstanceOf(InvalidCredentials.class);
        }
        Throwable eleventh = login(tenant, "ada@example.com", PASSWORD, "203.0.113.9");
        assertThat(eleventh).isInstanceOf(RateLimited.class);
        assertThat(((RateLimited) eleventh).retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(30));

        assertThat(login(tenant, "ada@example.com", PASSWORD, "198.51.100.7")).as("another source").isNull();
        assertThat(login(tenant, "grace@example.com", "wrong password", "203.0.113.9")).as("another account")
                .isInstanceOf(InvalidCredentials.class);
    }

    @Test
    void aSuccessResetsTheSourcesFailuresOnThatAccount() {
        register(tenant, "ada@example.com", "10.0.0.1");
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 9; i++) {
                assertThat(login(tenant, "ada@example.com", "wrong password", "203.0.113.9"))
                        .isInstanceOf(InvalidCredentials.class);
            }
            assertThat(login(tenant, "ada@example.com", PASSWORD, "203.0.113.9")).as("round " + round).isNull();
        }
    }

    @Test
    void unknownEmailsMeetTheSameLimitsAsKnownOnes() {
        register(tenant, "ada@example.com", "10.0.0.1");
        for (String email : List.of("ada@example.com", "nobody@example.com")) {
            for (int i = 0; i < 10; i++) {
                assertThat(login(tenant, email, "wrong password", "203.0.113.9")).isInstanceOf(InvalidCredentials.class);
            }
            assertThat(login(tenant, email, "wrong password", "203.0.113.9")).as(email).isInstanceOf(RateLimited.class);
        }
    }

    @Test
    void capsFailuresOnAnAccountFromAllSourcesButNeverLocksOutASourceThatSignedInBefore() {
        register(tenant, "ada@example.com", "10.0.0.1");
        assertThat(login(tenant, "ada@example.com", PASSWORD, "192.0.2.1")).as("the owner's usual address").isNull();
        // the owner's first sign-in from that address was the first of the 100 attempts from unknown sources; an
        // attacker spreads 99 more over many addresses, each staying under the per-source throttle
        for (int i = 0; i < 99; i++) {
            assertThat(login(tenant, "ada@example.com", "guess " + i, "198.18." + (i / 5) + "." + (i % 5 + 1)))
                    .isInstanceOf(InvalidCredentials.class);
        }
        assertThat(login(tenant, "ada@example.com", "guess", "198.18.99.1")).as("the account's cap")
                .isInstanceOf(RateLimited.class);
        assertThat(login(tenant, "ada@example.com", PASSWORD, "198.18.99.2")).as("even with the right password")
                .isInstanceOf(RateLimited.class);

        assertThat(login(tenant, "ada@example.com", PASSWORD, "192.0.2.1")).as("the owner's known address").isNull();

        world.clock.advance(Duration.ofHours(2));
        assertThat(login(tenant, "ada@example.com", PASSWORD, "198.18.99.2")).as("after the window").isNull();
    }

    @Test
    void aSourceIsKnownForThirtyDaysAfterItsLastSuccess() {
        register(tenant, "ada@example.com", "10.0.0.1");
        assertThat(login(tenant, "ada@example.com", PASSWORD, "192.0.2.1")).isNull();
        world.clock.advance(Duration.ofDays(31));
        for (int i = 0; i < 100; i++) {
            login(tenant, "ada@example.com", "guess " + i, "198.18." + (i / 5) + "." + (i % 5 + 1));
        }
        assertThat(login(tenant, "ada@example.com", PASSWORD, "192.0.2.1")).as("no longer known")
                .isInstanceOf(RateLimited.class);
    }

    @Test
    void ipv6ClientsAreCountedPerSlash64() {
        register(tenant, "ada@example.com", "10.0.0.1");
        for (int i = 0; i < 10; i++) {
            assertThat(login(tenant, "ada@example.com", "wrong password", "2001:db8:1:2::" + Integer.toHexString(i + 1)))
                    .isInstanceOf(InvalidCredentials.class);
        }
        assertThat(login(tenant, "ada@example.com", PASSWORD, "2001:db8:1:2:ffff::1")).isInstanceOf(RateLimited.class);
        assertThat(login(tenant, "ada@example.com", PASSWORD, "2001:db8:1:3::1")).as("another /64").isNull();
    }

    @Test
    void signUpsPerSourceFollowTheTenantsOverride() {
        Tenant strict = tenant("pk_strict", TenantSettings.DEFAULT.withRateLimit(RateLimitKind.SIGNUP_PER_IP,
                new RateLimit(3, Duration.ofMinutes(10))));
        for (int i = 0; i < 3; i++) {
            register(strict, "user" + i + "@example.com", "203.0.113.5");
        }
        assertThatThrownBy(() -> register(strict, "user3@example.com", "203.0.113.5")).isInstanceOf(RateLimited.class);
        register(strict, "user3@example.com", "203.0.113.6");
        assertThat(world.users.findByEmail(strict.id(), new EmailAddress("user3@example.com"))).isPresent();
    }

    @Test
    void theDefaultSignUpLimitIsTwentyPerHourPerSource() {
        Tenant defaults = tenant("pk_defaults", TenantSettings.DEFAULT);
        for (int i = 0; i < 20; i++) {
            register(defaults, "user" + i + "@example.com", "203.0.113.5");
        }
        assertThatThrownBy(() -> register(defaults, "user20@example.com", "203.0.113.5")).isInstanceOf(RateLimited.class);
    }

    @Test
    void theTenantsBudgetForUnauthenticatedRequestsCoversAllSources() {
        Tenant small = tenant("pk_small", TenantSettings.DEFAULT.withRateLimit(RateLimitKind.TENANT_UNAUTHENTICATED,
                RateLimit.perMinute(5)));
        for (int i = 0; i < 5; i++) {
            assertThat(login(small, "a" + i + "@example.com", "wrong password", "198.18.0." + (i + 1)))
                    .isInstanceOf(InvalidCredentials.class);
        }
        assertThat(login(small, "b@example.com", "wrong password", "198.18.1.1")).isInstanceOf(RateLimited.class);
        assertThat(login(tenant, "b@example.com", "wrong password", "198.18.1.1")).as("another tenant")
                .isInstanceOf(InvalidCredentials.class);
    }

    @Test
    void requestsRefusedByASourcesLimitDoNotSpendTheTenantsBudget() {
        Tenant small = tenant("pk_budget", TenantSettings.DEFAULT
                .withRateLimit(RateLimitKind.TENANT_UNAUTHENTICATED, RateLimit.perHour(40))
                .withRateLimit(RateLimitKind.LOGIN_PER_IP, RateLimit.perHour(10))
                .withRateLimit(RateLimitKind.SIGNUP_PER_IP, RateLimit.perHour(5)));
        register(small, "owner@example.com", "10.0.0.1");
        for (int i = 0; i < 100; i++) {
            String guess = "guess" + i + "@example.com";
            login(small, guess, "wrong password", "203.0.113.50");
            catchThrowable(() -> register(small, "bulk" + guess, "203.0.113.50"));
            catchThrowable(() -> requestReset(small, guess, "203.0.113.50"));
        }
        assertThat(login(small, "owner@example.com", PASSWORD, "198.51.100.1")).as("another source").isNull();
        assertThat(catchThrowable(() -> register(small, "newcomer@example.com", "198.51.100.1"))).isNull();
    }

    @Test
    void aTrippedLimitIsAuditedOncePerWindowWithoutSecrets() {
        register(tenant, "ada@example.com", "10.0.0.1");
        for (int i = 0; i < 15; i++) {
            login(tenant, "ada@example.com", "wrong password", "203.0.113.9");
        }
        List<AuditEvent> tripped = world.audit.events(AuditEventType.RATE_LIMIT_TRIPPED);
        assertThat(tripped).hasSize(1);
        AuditEvent event = tripped.get(0);
        assertThat(event.tenant()).isEqualTo(tenant.id());
        assertThat(event.clientIp()).isEqualTo("203.0.113.9");
        assertThat(event.details()).containsEntry("limit", "loginPerAccount").containsEntry("account", "ada@example.com")
                .containsEntry("windowSeconds", "900");
        assertThat(event.details().values()).noneMatch(value -> value.contains("wrong password"));

        world.clock.advance(Duration.ofMinutes(15));
        for (int i = 0; i < 15; i++) {
            login(tenant, "ada@example.com", "wrong password", "203.0.113.9");
        }
        assertThat(world.audit.events(AuditEventType.RATE_LIMIT_TRIPPED)).as("the next window").hasSize(2);
    }

    @Test
    void recoveryMailsForOneAccountStopAtFiveAnHourWhetherOrNotItExists() {
        Tenant recovery = tenant("pk_recovery", TenantSettings.DEFAULT
                .withAllowedRedirectUrls(Set.of("https://app.example.com/magic")));
        register(recovery, "ada@example.com", "10.0.0.1");
        for (String email : List.of("ada@example.com", "nobody@example.com")) {
            for (int i = 0; i < 5; i++) {
                String from = "198.18.0." + (i + 1);
                if (i % 2 == 0) {
                    requestReset(recovery, email, from);
                } else {
                    requestMagicLink(recovery, email, from);
                }
            }
            assertThatThrownBy(() -> requestReset(recovery, email, "198.18.1.1")).as(email).isInstanceOf(RateLimited.class);
            assertThatThrownBy(() -> requestMagicLink(recovery, email, "198.18.1.2")).as(email)
                    .isInstanceOf(RateLimited.class);
        }
    }

    @Test
    void codeChecksFromOneSourceStopAtThirtyPerFifteenMinutes() {
        register(tenant, "ada@example.com", "10.0.0.1");
        for (int i = 0; i < 30; i++) {
            String email = "user" + (i % 3) + "@example.com"; // under the per-account limit of 10
            assertThat(catchThrowable(() -> world.useCases.passwordReset().reset(new dev.gatehouse.application.recovery.port.in
                    .PasswordResetUseCase.ResetCommand(tenant.id(), new EmailAddress(email), "WRONG-CODE",
                    new Password("new long password"), new ClientInfo("203.0.113.40", "t")))))
                    .isNotInstanceOf(RateLimited.class);
        }
        assertThat(catchThrowable(() -> world.useCases.emailVerification().verify(tenant.id(), "WRONG-CODE",
                new ClientInfo("203.0.113.40", "t")))).isInstanceOf(RateLimited.class);
        assertThat(catchThrowable(() -> world.useCases.emailVerification().verify(tenant.id(), "WRONG-CODE",
                new ClientInfo("203.0.113.41", "t")))).isNotInstanceOf(RateLimited.class);
    }

    private void requestReset(Tenant in, String email, String ip) {
        world.useCases.passwordReset().requestReset(new dev.gatehouse.application.recovery.port.in.PasswordResetUseCase
                .RequestCommand(in.id(), new EmailAddress(email), java.util.Optional.empty(), new ClientInfo(ip, "t")));
    }

    private void requestMagicLink(Tenant in, String email, String ip) {
        world.useCases.magicLinks().request(new dev.gatehouse.application.recovery.port.in.MagicLinkUseCase.RequestCommand(
                in.id(), new EmailAddress(email), "https://app.example.com/magic", new ClientInfo(ip, "t")));
    }

    @Test
    void guessingTheCurrentPasswordWithAStolenTokenMeetsTheSignInThrottle() {
        register(tenant, "ada@example.com", "10.0.0.1");
        dev.gatehouse.application.port.in.Authenticated session = world.useCases.login().login(new LoginUseCase.Command(
                tenant.id(), new EmailAddress("ada@example.com"), new Password(PASSWORD),
                new ClientInfo("10.0.0.1", "t"), TokenProfile.NATIVE)).authenticated();
        dev.gatehouse.domain.session.Principal principal = world.useCases.authenticate()
                .authenticate(tenant.id(), session.accessToken().value());
        for (int i = 0; i < 10; i++) {
            Password guess = new Password("guess " + (1000 + i));
            assertThat(catchThrowable(() -> world.useCases.changePassword().change(principal,
                    guess, new Password("a new long password"),
                    new ClientInfo("203.0.113.66", "t")))).isNotInstanceOf(RateLimited.class);
        }
        assertThat(catchThrowable(() -> world.useCases.changePassword().change(principal, new Password(PASSWORD),
                new Password("a new long password"), new ClientInfo("203.0.113.66", "t"))))
                .isInstanceOf(RateLimited.class);
    }

    @Test
    void withLimitsOffNothingIsCounted() {
        FakeWorld unlimited = new FakeWorld();
        Tenant plain = unlimited.newTenant("pk_plain");
        for (int i = 0; i < 50; i++) {
            Throwable failure = catchThrowable(() -> unlimited.useCases.login().login(new LoginUseCase.Command(
                    plain.id(), new EmailAddress("x@example.com"), new Password("wrong password"),
                    new ClientInfo("203.0.113.1", "t"), TokenProfile.NATIVE)));
            assertThat(failure).isInstanceOf(InvalidCredentials.class);
        }
    }

    @Test
    void aUserExportsTheirOwnDataTenTimesAnHourFromAnyAddressAndOtherUsersAreNotCounted() {
        dev.gatehouse.application.port.in.Authenticated ada = world.useCases.registerUser().register(
                new RegisterUserUseCase.Command(tenant.id(), new EmailAddress("ada@export.io"), new Password(PASSWORD),
                        new ClientInfo("10.0.0.1", "test"), TokenProfile.NATIVE)).authenticated();
        dev.gatehouse.application.port.in.Authenticated grace = world.useCases.registerUser().register(
                new RegisterUserUseCase.Command(tenant.id(), new EmailAddress("grace@export.io"),
                        new Password(PASSWORD), new ClientInfo("10.0.0.1", "test"), TokenProfile.NATIVE))
                .authenticated();
        var adas = world.useCases.authenticate().authenticate(tenant.id(), ada.accessToken().value());
        for (int i = 0; i < 10; i++) {
            assertThat(world.useCases.lifecycle.exportOwnData().export(adas, new ClientInfo("10.0.0." + i, "test"))
                    .user().id()).isEqualTo(ada.user().id());
        }
        Throwable eleventh = catchThrowable(() -> world.useCases.lifecycle.exportOwnData().export(adas,
                new ClientInfo("198.51.100.7", "test")));
        assertThat(eleventh).as("a new address does not start a new count").isInstanceOf(RateLimited.class);
        assertThat(((RateLimited) eleventh).retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofHours(2));

        var graces = world.useCases.authenticate().authenticate(tenant.id(), grace.accessToken().value());
        assertThat(world.useCases.lifecycle.exportOwnData().export(graces, new ClientInfo("10.0.0.1", "test"))
                .user().id()).as("another user of the same address").isEqualTo(grace.user().id());
        assertThat(world.audit.events()).filteredOn(e -> e.type() == AuditEventType.DATA_EXPORTED).hasSize(11);
    }
}
