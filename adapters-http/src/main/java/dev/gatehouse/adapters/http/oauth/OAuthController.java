package dev.gatehouse.adapters.http.oauth;

import dev.gatehouse.adapters.http.Endpoints;
import dev.gatehouse.adapters.http.RequestContext;
import dev.gatehouse.adapters.http.Routes;
import dev.gatehouse.adapters.http.auth.SignInResponses;
import dev.gatehouse.adapters.http.web.JsonFields;
import dev.gatehouse.adapters.http.web.JsonResponses;
import dev.gatehouse.adapters.http.web.QueryParameters;
import dev.gatehouse.adapters.http.web.RequestClient;
import dev.gatehouse.adapters.http.web.TenantSelector;
import dev.gatehouse.application.oauth.port.in.OAuthCallbackUseCase;
import dev.gatehouse.application.oauth.port.in.OAuthExchangeUseCase;
import dev.gatehouse.application.oauth.port.in.OAuthUseCases;
import dev.gatehouse.application.oauth.port.in.StartOAuthUseCase;
import dev.gatehouse.application.tenants.port.in.ResolveTenantUseCase;
import dev.gatehouse.domain.error.DomainError;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.error.UnknownTenant;
import dev.gatehouse.domain.tenant.Tenant;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.Set;

/**
 * Browser sign-in through a provider (docs/social-login.md): {@code GET /v1/auth/oauth/{name}/authorize},
 * {@code GET /v1/auth/oauth/callback} (also {@code /oauth/callback}), {@code POST /v1/auth/oauth/exchange}, and
 * StaticBackend's {@code socialLogin}: {@code GET /oauth/login}, {@code GET /oauth/get-user}. The start routes never
 * redirect a request they refuse (400); a request to another host than the public URL's is first sent to the same
 * path there, so the binding cookie is set where the callback will read it.
 */
public record OAuthController(OAuthUseCases oauth, ResolveTenantUseCase resolve, RequestContext http,
                              Supplier<Optional<URI>> publicUrl) implements Endpoints {
    private static final Set<String> EXCHANGE = Set.of("code", "codeVerifier");

    @Override
    public void register(Routes routes) {
        routes.add(HandlerType.GET, "/v1/auth/oauth/{name}/authorize", this::authorize);
        routes.add(HandlerType.GET, "/v1/auth/oauth/callback", this::callback);
        routes.add(HandlerType.GET, "/oauth/callback", this::callback);
        routes.add(HandlerType.POST, "/v1/auth/oauth/exchange", this::exchange);
        routes.add(HandlerType.GET, "/oauth/login", this::compatLogin);
        routes.add(HandlerType.GET, "/oauth/get-user", this::compatPoll);
    }

    /**
     * {@code GET /v1/auth/oauth/{name}/authorize?pk=&redirect_uri=&state=&code_challenge=&code_challenge_method=}:
     * 302 to the provider, the binding cookie set.
     */
    public void authorize(Context ctx) {
        startIn(ctx, (tenant, query) -> oauth.start().start(new StartOAuthUseCase.SignInCommand(tenant.id(),
                ctx.pathParam("name"), QueryParameters.first(query, "redirect_uri"), QueryParameters.first(query, "state"),
                QueryParameters.first(query, "code_challenge"), QueryParameters.first(query, "code_challenge_method"),
                BrowserBinding.read(ctx), RequestClient.of(ctx))));
    }

    /** {@code GET /oauth/login?provider=&reqid=&sbpk=}: StaticBackend's {@code socialLogin} popup. */
    public void compatLogin(Context ctx) {
        startIn(ctx, (tenant, query) -> oauth.start().startCompat(new StartOAuthUseCase.CompatCommand(tenant.id(),
                QueryParameters.first(query, "provider"), QueryParameters.first(query, "reqid"),
                BrowserBinding.read(ctx), RequestClient.of(ctx))));
    }

    /** A start: on the public host only, for the tenant the query names, then 302 to the provider with the cookie. */
    private void startIn(Context ctx, java.util.function.BiFunction<Tenant, String, StartOAuthUseCase.Started> start) {
        if (redirectedToPublicHost(ctx)) {
            return;
        }
        String query = ctx.queryString();
        StartOAuthUseCase.Started started = start.apply(tenantOf(query), query);
        BrowserBinding.set(ctx, started.browser(), publicUrl.get());
        ctx.header("Cache-Control", "no-store");
        ctx.header("Referrer-Policy", "no-referrer");
        found(ctx, started.authorizeUrl().toString());
    }

    /**
     * The provider's redirect back: 302 to the app (with {@code code} or {@code error}), the compat closing page,
     * or a 400 page when the state names no sign-in of this browser.
     */
    public void callback(Context ctx) {
        String query = ctx.queryString();
        OAuthCallbackUseCase.Outcome outcome;
        try {
            outcome = oauth.callback().callback(new OAuthCallbackUseCase.Command(QueryParameters.first(query, "state"),
                    QueryParameters.first(query, "code"), QueryParameters.first(query, "error"),
                    QueryParameters.first(query, "error_description"), BrowserBinding.read(ctx), RequestClient.of(ctx)));
        } catch (DomainError refused) {
            OAuthPages.problem(ctx, refused);
            return;
        }
        switch (outcome) {
            case OAuthCallbackUseCase.Redirect redirect -> {
                ctx.header("Cache-Control", "no-store");
                ctx.header("Referrer-Policy", "no-referrer");
                found(ctx, redirect.location().toString());
            }
            case OAuthCallbackUseCase.CompatPage page -> OAuthPages.page(ctx, 200,
                    page.signedIn() ? "Signed in" : "Sign-in not completed", page.message());
        }
    }

    /** {@code POST /v1/auth/oauth/exchange} {@code {"code", "codeVerifier"?}}: answers as {@code /v1/auth/signin}. */
    public void exchange(Context ctx) {
        Tenant tenant = http.tenants().forNativeRoute(ctx);
        JsonFields body = http.bodies().read(ctx, EXCHANGE);
        SignInResponses.write(ctx, 200, oauth.exchange().exchange(new OAuthExchangeUseCase.ExchangeCommand(tenant.id(),
                body.string("code"), body.string("codeVerifier"), RequestClient.of(ctx))), http.clock().instant());
    }

    /** {@code GET /oauth/get-user?reqid=}: {@code false}, or once the compat sign-in's result. */
    public void compatPoll(Context ctx) {
        Tenant tenant = http.tenants().forCompatRoute(ctx);
        ctx.header("Cache-Control", "no-store");
        Optional<OAuthExchangeUseCase.CompatResult> result = oauth.exchange().poll(new OAuthExchangeUseCase.PollCommand(
                tenant.id(), QueryParameters.first(ctx.queryString(), "reqid"), RequestClient.of(ctx)));
        if (result.isEmpty()) {
            JsonResponses.writeJson(ctx, 200, "false".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return;
        }
        OAuthExchangeUseCase.CompatResult found = result.get();
        JsonResponses.write(ctx, 200, new CompatSocialUser(found.signedIn().accessToken().value(), found.email(),
                found.name(), found.first(), found.last(), found.avatarUrl()));
    }

    /** The tenant of {@code pk=} or {@code sbpk=}; an unknown or missing key is a 400 (these routes never redirect). */
    private Tenant tenantOf(String query) {
        String key = Optional.ofNullable(QueryParameters.first(query, "pk"))
                .orElse(QueryParameters.first(query, TenantSelector.PUBLIC_KEY_QUERY));
        try {
            return resolve.byPublishableKey(key == null ? null : key.strip());
        } catch (UnknownTenant e) {
            throw new InvalidInput("pk", "must be a publishable key of a tenant (pk= or sbpk=)");
        }
    }

    /** A start request on another host than the public URL's goes to the same path and query there first. */
    private boolean redirectedToPublicHost(Context ctx) {
        Optional<URI> known = publicUrl.get();
        if (known.isEmpty()) {
            return false;
        }
        URI base = known.get();
        String expected = base.getHost() + (base.getPort() == -1 ? "" : ":" + base.getPort());
        String host = ctx.header("Host");
        if (host == null || host.toLowerCase(Locale.ROOT).equals(expected.toLowerCase(Locale.ROOT))) {
            return false;
        }
        String root = base.toString().endsWith("/") ? base.toString().substring(0, base.toString().length() - 1)
                : base.toString();
        String query = ctx.queryString();
        found(ctx, root + ctx.path() + (query == null ? "" : "?" + query));
        return true;
    }

    /** A 302 to {@code location} with no body (a browser shows none, and the API reference documents none). */
    private static void found(Context ctx, String location) {
        ctx.status(302);
        ctx.header("Location", location);
    }

    /** StaticBackend's {@code socialLogin} result. */
    record CompatSocialUser(String token, String email, String name, String first, String last, String avatarUrl) {
        @Override
        public String toString() {
            return "CompatSocialUser[hidden]";
        }
    }
}
