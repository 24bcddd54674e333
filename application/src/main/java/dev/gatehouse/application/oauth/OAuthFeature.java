package dev.gatehouse.application.oauth;

import dev.gatehouse.application.oauth.port.in.IdentitiesUseCase;
import dev.gatehouse.application.oauth.port.in.OAuthCallbackUseCase;
import dev.gatehouse.application.oauth.port.in.OAuthExchangeUseCase;
import dev.gatehouse.application.oauth.port.in.OAuthProvidersUseCase;
import dev.gatehouse.application.oauth.port.in.OAuthUseCases;
import dev.gatehouse.application.oauth.port.in.StartOAuthUseCase;
import dev.gatehouse.application.port.out.AccountRepository;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.application.recovery.RecoveryFeature;
import dev.gatehouse.application.sessions.SessionsFeature;
import dev.gatehouse.application.support.Essentials;
import dev.gatehouse.application.tenants.TenantsFeature;
import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;

/** Sign-in through Google, GitHub and OpenID Connect providers; the user's linked identities. */
public final class OAuthFeature implements OAuthUseCases {
    private final ProvidersService providers;
    private final StartService start;
    private final CallbackService callback;
    private final ExchangeService exchange;
    private final IdentitiesService identities;
    private final OAuthKit kit;

    public OAuthFeature(TenantsFeature tenants, SessionsFeature sessions, RecoveryFeature recovery,
                        AccountRepository accounts, UserRepository users, OAuthKit kit, Essentials essentials) {
        OAuthContext context = new OAuthContext(tenants.directory(), users, accounts, kit, sessions.issuer(),
                sessions.stepUp(), recovery.mailboxProofs(), essentials);
        this.providers = new ProvidersService(context);
        this.start = new StartService(context);
        this.callback = new CallbackService(context, new ProviderSignIns(context));
        this.exchange = new ExchangeService(context);
        this.identities = new IdentitiesService(context);
        this.kit = kit;
    }

    /** The server's public URL, if known (the HTTP adapter sends start requests on other hosts there). */
    public Supplier<Optional<URI>> publicUrl() {
        return kit.publicUrl();
    }

    /** The callback URL to register with every provider, if the public URL is known. */
    public Supplier<Optional<URI>> callbackUrl() {
        return kit::callback;
    }

    @Override
    public OAuthProvidersUseCase providers() {
        return providers;
    }

    @Override
    public StartOAuthUseCase start() {
        return start;
    }

    @Override
    public OAuthCallbackUseCase callback() {
        return callback;
    }

    @Override
    public OAuthExchangeUseCase exchange() {
        return exchange;
    }

    @Override
    public IdentitiesUseCase identities() {
        return identities;
    }
}
