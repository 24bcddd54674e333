package dev.gatehouse.application.tenants;

import dev.gatehouse.application.fakes.AllFeatures;
import dev.gatehouse.application.support.Settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.fakes.FakeWorld;
import dev.gatehouse.application.fakes.RandomSecrets;
import dev.gatehouse.application.auth.port.in.RegisterUserUseCase;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.application.auth.port.out.ExternalTokenVerifier;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.error.NotPermitted;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.error.UnknownTenant;
import dev.gatehouse.domain.policy.PasswordPolicy;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.tenant.ExternalIssuer;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.tenant.TenantSettings;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import dev.gatehouse.domain.user.User;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TenantSettingsUseCaseTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private final FakeWorld world = new FakeWorld();
    private final Tenant tenant = world.newTenant("pk_settings");
    private final RootAuthority root = new RootAuthority(tenant.id());

    @Test
    void aChangeIsStoredAuditedWithTheFieldNamesAndSeenAtOnceByThisProcess() {
        world.useCases.resolveTenant().byPublishableKey("pk_settings"); // warm the tenant cache

        TenantSettings changed = world.useCases.tenantSettings().change(root,
                current -> current.withRequireEmailVerification(true)
                        .withPasswordPolicy(new PasswordPolicy(12, 72)),
                new ClientInfo("203.0.113.9", "curl"));

        assertThat(changed.requireEmailVerification()).isTrue();
        assertThat(world.useCases.tenantSettings().get(root)).isEqualTo(changed);
        assertThat(world.useCases.resolveTenant().byPublishableKey("pk_settings").settings()).isEqualTo(changed);
        List<AuditEvent> events = world.audit.events(AuditEventType.TENANT_SETTINGS_CHANGED);
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.tenant()).isEqualTo(tenant.id());
            assertThat(event.actor()).isEqualTo(AuditEvent.ROOT);
            assertThat(event.clientIp()).isEqualTo("203.0.113.9");
            assertThat(event.details()).containsEntry("fields", "passwordPolicy,requireEmailVerification");
        });
    }

    @Test
    void aChangeThatChangesNothingIsNeitherWrittenNorAudited() {
        world.useCases.tenantSettings().change(root, current -> current, ClientInfo.UNKNOWN);

        assertThat(world.audit.events(AuditEventType.TENANT_SETTINGS_CHANGED)).isEmpty();
    }

    @Test
    void theAuditNamesTheExternalIssuersFieldButNeverTheSecret() {
        world.useCases.tenantSettings().change(root, current -> current.withExternalIssuers(
                List.of(new ExternalIssuer("https://idp.example.com", SECRET, null, null, "app", null, null))),
                ClientInfo.UNKNOWN);

        assertThat(world.audit.events(AuditEventType.TENANT_SETTINGS_CHANGED)).singleElement()
                .satisfies(event -> assertThat(event.toString()).contains("externalIssuers").doesNotContain(SECRET));
    }

    @Test
    void aKeyWithoutTheSettingsScopeCanNeitherReadNorChange() {
        RootAuthority usersOnly = new RootAuthority(tenant.id(), Set.of(Scope.USERS_READ, Scope.USERS_WRITE));

        assertThatThrownBy(() -> world.useCases.tenantSettings().get(usersOnly)).isInstanceOf(NotPermitted.class);
        assertThatThrownBy(() -> world.useCases.tenantSettings().change(usersOnly,
                current -> current.withMagicLinkCreatesUser(true), ClientInfo.UNKNOWN)).isInstanceOf(NotPermitted.class);
        RootAuthority settingsAdmin = new RootAuthority(tenant.id(), Set.of(Scope.SETTINGS_ADMIN));
        assertThat(world.useCases.tenantSettings().change(settingsAdmin,
                current -> current.withMagicLinkCreatesUser(true), ClientInfo.UNKNOWN).magicLinkCreatesUser()).isTrue();
    }

    @Test
    void aRefusedChangeStoresAndAuditsNothing() {
        assertThatThrownBy(() -> world.useCases.tenantSettings().change(root,
                current -> current.withRequireEmailVerification(true).withDefaultSender("not an address"),
                ClientInfo.UNKNOWN)).isInstanceOf(InvalidInput.class).hasMessageStartingWith("defaultSender");

        assertThat(world.useCases.tenantSettings().get(root).requireEmailVerification()).isFalse();
        assertThat(world.audit.events(AuditEventType.TENANT_SETTINGS_CHANGED)).isEmpty();
    }

    @Test
    void outsideDevModeAJwksUrlMustUseHttps() {
        ExternalIssuer plain = new ExternalIssuer("i", null, "http://idp.example.com/jwks", null, "app", null, null);
        assertThatThrownBy(() -> world.useCases.tenantSettings().change(root,
                current -> current.withExternalIssuers(List.of(plain)), ClientInfo.UNKNOWN))
                .isInstanceOf(InvalidInput.class).extracting(e -> ((InvalidInput) e).field())
                .isEqualTo("externalIssuers[0].jwksUrl");

        FakeWorld dev = new FakeWorld(Settings.DEFAULT.withDevMode(true));
        Tenant devTenant = dev.newTenant("pk_dev");
        assertThat(dev.useCases.tenantSettings().change(new RootAuthority(devTenant.id()),
                current -> current.withExternalIssuers(List.of(plain)), ClientInfo.UNKNOWN).externalIssuers())
                .containsExactly(plain);
    }

    @Test
    void anIssuerLookedUpByEmailWithoutAnAudienceIsRefusedWhenSetButAnUnrelatedChangeStillWorks() {
        ExternalIssuer noAudience = new ExternalIssuer("i", SECRET, null, null, null, "email", null);
        assertThat(noAudience.invalidReason()).isPresent();
        assertThatThrownBy(() -> world.useCases.tenantSettings().change(root,
                current -> current.withExternalIssuers(List.of(noAudience)), ClientInfo.UNKNOWN))
                .isInstanceOf(InvalidInput.class).extracting(e -> ((InvalidInput) e).field())
                .isEqualTo("externalIssuers[0].audience");
        assertThatThrownBy(() -> world.useCases.tenantSettings().changeAsOperator(tenant.id(),
                current -> current.withExternalIssuers(List.of(noAudience)))).isInstanceOf(InvalidInput.class);
        assertThat(world.useCases.tenantSettings().get(root).externalIssuers()).isEmpty();

        // Stored before the rule: it stays (marked invalid when read) and other settings can still change.
        world.tenants.updateSettings(tenant.id(), world.tenants.findById(tenant.id()).orElseThrow().settings()
                .withExternalIssuers(List.of(noAudience)));
        assertThat(world.useCases.tenantSettings().change(root, current -> current.withMagicLinkCreatesUser(true),
                ClientInfo.UNKNOWN).externalIssuers()).containsExactly(noAudience);
        ExternalIssuer byUserId = new ExternalIssuer("i", SECRET, null, null, null, "sub", ExternalIssuer.UserLookup.USER_ID);
        assertThat(byUserId.invalidReason()).isEmpty();
        assertThat(world.useCases.tenantSettings().change(root,
                current -> current.withExternalIssuers(List.of(byUserId)), ClientInfo.UNKNOWN).externalIssuers())
                .containsExactly(byUserId);
    }

    @Test
    void theOperatorChangesAnyTenantAndIsAuditedAsOperator() {
        world.useCases.tenantSettings().changeAsOperator(tenant.id(), current -> current.withSignupEnumerationProtection(true));

        assertThat(world.useCases.tenantSettings().getAsOperator(tenant.id()).signupEnumerationProtection()).isTrue();
        assertThat(world.audit.events(AuditEventType.TENANT_SETTINGS_CHANGED)).singleElement()
                .satisfies(event -> assertThat(event.actor()).isEqualTo(AuditEvent.OPERATOR));
        assertThatThrownBy(() -> world.useCases.tenantSettings().getAsOperator(new TenantId(UUID.randomUUID())))
                .isInstanceOf(UnknownTenant.class);
        assertThatThrownBy(() -> world.useCases.tenantSettings().changeAsOperator(new TenantId(UUID.randomUUID()),
                current -> current)).isInstanceOf(UnknownTenant.class);
    }

    @Test
    void anotherProcessSeesTheChangeOnceItsTenantCacheExpires() throws InterruptedException {
        AllFeatures otherProcess = AllFeatures.otherProcess(world);
        assertThat(otherProcess.resolveTenant().byPublishableKey("pk_settings").settings().requireEmailVerification())
                .isFalse();

        world.useCases.tenantSettings().change(root, current -> current.withRequireEmailVerification(true),
                ClientInfo.UNKNOWN);

        // The other process cached the tenant for the default TTL (1 s); it must see the change within 2 s.
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        boolean seen = false;
        while (!seen && System.nanoTime() < deadline) {
            seen = otherProcess.resolveTenant().byPublishableKey("pk_settings").settings().requireEmailVerification();
            if (!seen) {
                Thread.sleep(50);
            }
        }
        assertThat(seen).as("seen by the other process within 2 s").isTrue();
    }

    @Test
    void anExternalTokenMapsToTheUserNamedByTheIssuersClaim() {
        AtomicReference<String> claim = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean emailVerified = new java.util.concurrent.atomic.AtomicBoolean(true);
        ExternalIssuer byEmail = new ExternalIssuer("https://idp", SECRET, null, null, "app", "email",
                ExternalIssuer.UserLookup.EMAIL);
        ExternalIssuer byEmailWithoutAudience = new ExternalIssuer("https://stale", SECRET, null, null, null, "email",
                ExternalIssuer.UserLookup.EMAIL);
        ExternalIssuer byId = new ExternalIssuer("https://ids", SECRET, null, null, null, "sub",
                ExternalIssuer.UserLookup.USER_ID);
        AtomicReference<ExternalIssuer> issuer = new AtomicReference<>(byEmail);
        ExternalTokenVerifier verifier = (trusted, token) -> {
            assertThat(trusted).contains(issuer.get()).doesNotContain(byEmailWithoutAudience);
            return token.equals("not-external") ? java.util.Optional.empty()
                    : java.util.Optional.of(new ExternalTokenVerifier.VerifiedExternalToken(issuer.get(), claim.get(),
                    emailVerified.get()));
        };
        FakeWorld external = new FakeWorld();
        AllFeatures useCases = AllFeatures.otherProcess(external, verifier);
        Tenant plain = external.newTenant("pk_plain");
        assertThat(useCases.externalTokens().trustsExternalIssuers(plain)).isFalse();
        assertThat(useCases.externalTokens().currentUser(plain, "x.y.z")).isEmpty();

        Tenant onlyStale = new Tenant(plain.id(), plain.name(), plain.publicKey(),
                plain.settings().withExternalIssuers(List.of(byEmailWithoutAudience)), plain.created());
        assertThat(useCases.externalTokens().trustsExternalIssuers(onlyStale)).as("an invalid issuer is not trusted").isFalse();
        assertThat(useCases.externalTokens().currentUser(onlyStale, "x.y.z")).isEmpty();
        TenantSettings trusting = plain.settings().withExternalIssuers(List.of(byEmail, byId, byEmailWithoutAudience));
        Tenant tenantWithIssuers = new Tenant(plain.id(), plain.name(), plain.publicKey(), trusting, plain.created());
        User ada = useCases.registerUser().register(new RegisterUserUseCase.Command(plain.id(),
                new EmailAddress("ada@example.com"), new Password("long enough"), ClientInfo.UNKNOWN,
                TokenProfile.NATIVE)).authenticated().user();

        claim.set(" Ada@Example.com ");
        assertThat(useCases.externalTokens().currentUser(tenantWithIssuers, "x.y.z").orElseThrow().id()).isEqualTo(ada.id());
        emailVerified.set(false);
        assertThatThrownBy(() -> useCases.externalTokens().currentUser(tenantWithIssuers, "x.y.z"))
                .as("an email the issuer does not say is verified").isInstanceOf(Unauthenticated.class);
        emailVerified.set(true);
        claim.set("nobody@example.com");
        assertThatThrownBy(() -> useCases.externalTokens().currentUser(tenantWithIssuers, "x.y.z"))
                .isInstanceOf(Unauthenticated.class);
        claim.set("not an email");
        assertThatThrownBy(() -> useCases.externalTokens().currentUser(tenantWithIssuers, "x.y.z"))
                .isInstanceOf(Unauthenticated.class);

        issuer.set(byId);
        claim.set(ada.id().value().toString());
        assertThat(useCases.externalTokens().currentUser(tenantWithIssuers, "x.y.z").orElseThrow().id()).isEqualTo(ada.id());
        emailVerified.set(false);
        assertThat(useCases.externalTokens().currentUser(tenantWithIssuers, "x.y.z")).as("by user id: no email involved")
                .isPresent();
        emailVerified.set(true);
        claim.set("not-a-uuid");
        assertThatThrownBy(() -> useCases.externalTokens().currentUser(tenantWithIssuers, "x.y.z"))
                .isInstanceOf(Unauthenticated.class);
        assertThat(useCases.externalTokens().currentUser(tenantWithIssuers, " ")).isEmpty();
        assertThat(useCases.externalTokens().currentUser(tenantWithIssuers, "not-external")).isEmpty();
    }
}
