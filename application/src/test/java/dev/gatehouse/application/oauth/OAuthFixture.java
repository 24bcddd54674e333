package dev.gatehouse.application.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.fakes.FakeOAuthProtocol;
import dev.gatehouse.application.fakes.FakeWorld;
import dev.gatehouse.application.fakes.InMemoryIdentityRepository;
import dev.gatehouse.application.fakes.InMemoryOAuthFlowRepository;
import dev.gatehouse.application.fakes.InMemoryOAuthProviderRepository;
import dev.gatehouse.application.fakes.RandomSecrets;
import dev.gatehouse.application.oauth.port.in.OAuthCallbackUseCase;
import dev.gatehouse.application.oauth.port.in.OAuthExchangeUseCase;
import dev.gatehouse.application.oauth.port.in.OAuthProvidersUseCase;
import dev.gatehouse.application.oauth.port.in.StartOAuthUseCase;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.application.port.in.SignInOutcome;
import dev.gatehouse.application.support.Essentials;
import dev.gatehouse.application.support.RateLimiter;
import dev.gatehouse.application.support.Settings;
import dev.gatehouse.domain.oauth.ProviderProfile;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantSettings;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tenant in a {@link FakeWorld} with the oauth feature wired over in-memory stores and a {@link FakeOAuthProtocol},
 * and the steps the provider sign-in tests repeat: configure a provider, start a flow, come back from the provider.
 */
final class OAuthFixture {
    static final String APP = "https://app.example.com/auth/done";
    static final String ISSUER = "https://idp.example.com";
    static final ClientInfo CLIENT = new ClientInfo("198.51.100.7", "oauth-test/1.0");
    static final URI PUBLIC_URL = URI.create("https://auth.example.com");

    final FakeWorld world;
    final Tenant tenant;
    final FakeOAuthProtocol protocol;
    final InMemoryOAuthProviderRepository providerStore;
    final InMemoryIdentityRepository identityStore;
    final InMemoryOAuthFlowRepository flowStore;
    final OAuthFeature oauth;
    private final AtomicInteger codes = new AtomicInteger();

    private OAuthFixture(FakeWorld world, Settings settings, Optional<URI> publicUrl) {
        this.world = world;
        this.protocol = world.oauthProtocol;
        this.providerStore = world.oauthProviders;
        this.identityStore = world.identities;
        this.flowStore = world.oauthFlows;
        this.tenant = world.newTenant("pk_oauth");
        world.tenants.updateSettings(tenant.id(), settings().withAllowedRedirectUrls(Set.of(APP)));
        RateLimiter limiter = new RateLimiter(world.rateLimits, world.loginSources, world.audit, world.transactions,
                world.clock, settings.rateLimits());
        Essentials essentials = new Essentials(world.clock, world.ids, new RandomSecrets(), world.transactions,
                world.audit, limiter, settings);
        OAuthKit kit = new OAuthKit(providerStore, identityStore, flowStore, protocol, () -> publicUrl);
        this.oauth = new OAuthFeature(world.useCases.tenants, world.useCases.sessions, world.useCases.recovery,
                world.accounts, world.users, kit, essentials);
    }

    static OAuthFixture create() {
        Settings settings = Settings.DEFAULT.withTenantCacheTtl(Duration.ZERO);
        return new OAuthFixture(new FakeWorld(settings), settings, Optional.of(PUBLIC_URL));
    }

    static OAuthFixture withoutPublicUrl() {
        Settings settings = Settings.DEFAULT.withTenantCacheTtl(Duration.ZERO);
        return new OAuthFixture(new FakeWorld(settings), settings, Optional.empty());
    }

    TenantSettings settings() {
        return world.tenants.findById(tenant.id()).orElseThrow().settings();
    }

    void settings(TenantSettings settings) {
        world.tenants.updateSettings(tenant.id(), settings);
    }

    RootAuthority root() {
        return new RootAuthority(tenant.id());
    }

    /** An OpenID Connect provider named {@code name} at {@link #ISSUER}. */
    void provider(String name, boolean linkByVerifiedEmail) {
        oauth.providers().put(new OAuthProvidersUseCase.PutCommand(root(), name, "oidc", "client-" + name,
                "secret-" + name, ISSUER, null, linkByVerifiedEmail));
    }

    static ProviderProfile profile(String subject, String email, boolean verified) {
        return new ProviderProfile(ISSUER, subject, email, verified, "Ada Lovelace", "Ada", "Lovelace",
                "https://idp.example.com/ada.png");
    }

    StartOAuthUseCase.Started start(String provider) {
        return start(provider, null);
    }

    StartOAuthUseCase.Started start(String provider, String codeChallenge) {
        return oauth.start().start(new StartOAuthUseCase.SignInCommand(tenant.id(), provider, APP, "app-state",
                codeChallenge, codeChallenge == null ? null : "S256", null, CLIENT));
    }

    /** The provider answers {@code profile}: the browser comes back to the callback with a fresh provider code. */
    OAuthCallbackUseCase.Outcome comeBack(StartOAuthUseCase.Started started, ProviderProfile profile) {
        String code = "provider-code-" + codes.incrementAndGet();
        protocol.willAnswer(code, profile);
        return oauth.callback().callback(new OAuthCallbackUseCase.Command(stateOf(started), code, null, null,
                started.browser(), CLIENT));
    }

    /** A whole sign-in up to the app's redirect: the query the app receives. */
    Map<String, String> signIn(String provider, ProviderProfile profile) {
        OAuthCallbackUseCase.Outcome outcome = comeBack(start(provider), profile);
        assertThat(outcome).isInstanceOf(OAuthCallbackUseCase.Redirect.class);
        return query(((OAuthCallbackUseCase.Redirect) outcome).location());
    }

    SignInOutcome exchange(String code, String verifier) {
        return oauth.exchange().exchange(new OAuthExchangeUseCase.ExchangeCommand(tenant.id(), code, verifier, CLIENT));
    }

    static String stateOf(StartOAuthUseCase.Started started) {
        return query(started.authorizeUrl()).get("state");
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    static String withoutQuery(URI uri) {
        String text = uri.toString();
        return text.substring(0, text.indexOf('?'));
    }

    List<dev.gatehouse.domain.audit.AuditEvent> events(dev.gatehouse.domain.audit.AuditEventType type) {
        return world.audit.events(type);
    }
}
