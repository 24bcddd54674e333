package dev.gatehouse.adapters.http;

import dev.gatehouse.adapters.http.web.RequestFilter;

import dev.gatehouse.adapters.http.web.RequestClient;
import dev.gatehouse.adapters.http.web.RootCredentials;

import dev.gatehouse.adapters.http.problem.Problem;
import dev.gatehouse.adapters.http.problem.ProblemMapper;
import dev.gatehouse.adapters.http.problem.RequestRejected;
import dev.gatehouse.domain.error.DomainError;
import dev.gatehouse.domain.tenant.IpRange;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The HTTP face of Gatehouse, on Javalin 7 with virtual threads.
 * <ul>
 *   <li>StaticBackend wire API: {@code POST /register}, {@code POST /login} (200, token as a bare JSON
 *       string), {@code GET /me} (200, the user with its integer role), {@code POST /account/users} (200, the
 *       new user), {@code GET /account/users} (200, array), {@code DELETE /account/users/{id}} (200,
 *       {@code true}), {@code GET /sudogettoken/{accountId}} (root token or secret key; 200, token); errors in
 *       plain text.</li>
 *   <li>Native API: {@code POST /v1/auth/signup} (201), {@code POST /v1/auth/signin} (200),
 *       {@code POST /v1/auth/refresh} (200; 409 when a concurrent request just exchanged the same refresh
 *       token), {@code POST /v1/auth/signout?scope=current|others|all} (204), {@code GET /v1/me} (200),
 *       {@code GET /v1/me/sessions} (200), {@code DELETE /v1/me/sessions/{id}} (204), {@code GET|PATCH
 *       /v1/account} (200), {@code GET /v1/account/users} (200, a page), {@code POST /v1/account/users} (201),
 *       {@code PATCH /v1/account/users/{id}} (200), {@code DELETE /v1/account/users/{id}} (204); errors as
 *       {@code application/problem+json}.</li>
 *   <li>Native root routes (root token with the tenant's key, or a secret key {@code sk_...}, see
 *       {@link RootCredentials}; 401 without, 403 lacking the scope): {@code POST /v1/auth/introspect} (200,
 *       RFC 7662), {@code GET /v1/admin/users} (200, a page; {@code users:read}), {@code GET|PATCH|DELETE
 *       /v1/admin/users/{id}} (200, 200, 204; {@code users:read} to read, {@code users:write} to change),
 *       {@code GET|DELETE /v1/admin/users/{id}/sessions} (200), {@code POST /v1/admin/users/import} (200; the root
 *       token only, an NDJSON body streamed with its own size limit), {@code GET /v1/admin/api-keys} (200),
 *       {@code POST /v1/admin/api-keys} (201), {@code DELETE /v1/admin/api-keys/{key}} (204),
 *       {@code GET|PATCH /v1/admin/settings} (200; {@code settings:admin}), {@code GET /v1/admin/audit-events}
 *       (200, a page, newest first; {@code audit:read}),
 *       {@code GET|PUT /v1/admin/email-templates/{kind}} (200).</li>
 *   <li>Dev mode only: {@code GET /v1/dev/mailbox?to=EMAIL} (root token; 200, the mails, newest first).</li>

 *   <li>Operator API, only with {@link HttpConfig#operatorToken()} set: {@code POST /v1/tenants} (201),
 *       {@code GET /v1/tenants} (200).</li>
 *   <li>{@code GET /.well-known/jwks.json} (200, the public signing keys; cacheable for 5 minutes).</li>
 *   <li>{@code GET /health/live} (200) and {@code GET /health/ready} (200, or 503 when not ready).</li>
 *   <li>Unless {@link HttpConfig#apiDocs()} says otherwise: {@code GET /openapi.json}, {@code GET /openapi.yaml}
 *       and {@code GET /docs} (with {@code GET /docs/{asset}}), see {@link ApiDocsController}.</li>
 *   <li>{@code OPTIONS} on every route answers CORS preflights (204); unknown paths 404, a known path with
 *       another method 405.</li>
 *   <li>Never {@code /metrics}: metrics are served only on the management port ({@link ManagementApi}).</li>
 * </ul>
 * Status per domain error: {@link ProblemMapper}. Input refusals: 400, 413, 415. Anything unexpected:
 * 500 with a generic body, logged with the request id.
 */
public final class HttpApi {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    /** Unread request bodies up to this size are drained so the connection stays usable. */
    private static final long DRAIN_AT_LEAST_BYTES = 1024 * 1024;

    private HttpApi() {
    }

    /**
     * A configured Javalin, not started: the caller starts and stops it. Serves the routes each of
     * {@code endpoints} registers (a feature's controllers), and the API documents unless configured off.
     */
    public static Javalin create(RequestContext http, List<? extends Endpoints> endpoints) {
        return create(http, endpoints, RequestObserver.NONE);
    }

    /** As {@link #create(RequestContext, List)}, telling {@code observer} about every request answered (metrics). */
    public static Javalin create(RequestContext http, List<? extends Endpoints> endpoints, RequestObserver observer) {
        return build(http, endpoints, observer).app();
    }

    /**
     * The routes {@link #create} registers: each path (path parameters as {@code {name}}) with its methods,
     * without the {@code HEAD} and {@code OPTIONS} that every GET route and every path get on top. For the
     * test that holds the OpenAPI document to the routes actually served.
     */
    static Map<String, Set<String>> routeTable(RequestContext http, List<? extends Endpoints> endpoints) {
        return build(http, endpoints, RequestObserver.NONE).routes().declared();
    }

    private record Built(Javalin app, Routes routes) {
    }

    private static Built build(RequestContext http, List<? extends Endpoints> endpoints, RequestObserver observer) {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(observer, "observer");
        List<Endpoints> all = new ArrayList<>(endpoints);
        HttpConfig config = http.config();
        if (config.apiDocs().served()) {
            all.add(new ApiDocsController(config.apiDocs()));
        }
        Routes[] registered = new Routes[1];
        Javalin app = Javalin.create(javalin -> {
            configureServer(javalin, config, observer);
            Routes routes = new Routes(javalin, http.cors());
            all.forEach(endpoint -> endpoint.register(routes));
            routes.addPreflights();
            handleFailures(javalin, routes);
            registered[0] = routes;
        });
        return new Built(app, Objects.requireNonNull(registered[0], "Javalin did not apply the configuration"));
    }

    private static void configureServer(JavalinConfig javalin, HttpConfig config, RequestObserver observer) {
        javalin.startup.showJavalinBanner = false;
        javalin.startup.showOldJavalinVersionWarning = false;
        javalin.concurrency.useVirtualThreads = true;
        javalin.http.prefer405over404 = true;
        javalin.http.maxRequestSize = config.maxBodyBytes();
        // Responses mix secrets with reflected input: no compression, no BREACH-style oracle.
        javalin.http.compressionStrategy = CompressionStrategy.NONE;
        // Jetty's per-connection header cache matches values ignoring case by default, so a header that differs
        // from an earlier one on the same connection only in case would reach us as the earlier value: a
        // case-mangled token would be taken for the good one. Credentials are case-sensitive.
        // No per-connection header cache at all: it pays off only for values repeated on one connection, while
        // each new bearer token (700+ characters) fills the 1 KiB cache, clears it and is written into a fresh
        // trie. A JFR profile of GET /me with tokens that vary per request (a proxy's pooled connections) put
        // 22% of the request threads' samples in that trie (docs/performance.md).
        javalin.jetty.modifyHttpConfiguration(http -> {
            http.setHeaderCacheCaseSensitive(true);
            http.setHeaderCacheSize(0);
        });
        // Javalin would route a request by its X-HTTP-Method-Override header: hidden, so the method is the request line's.
        javalin.jetty.modifyServletContextHandler(context ->
                context.addFilter(new MethodOverrideIgnored(), "/*", EnumSet.of(DispatcherType.REQUEST)));
        javalin.jetty.modifyServer(server -> {
            server.setErrorHandler(new PlainTextErrorHandler());
            // On stop, stop accepting, then let in-flight requests finish for up to the grace period.
            server.setHandler(new GracefulHandler());
            server.setStopTimeout(config.shutdownGrace().toMillis());
        });
        List<IpRange> trustedProxies = config.trustedProxies();
        javalin.routes.before(ctx -> {
            RequestFilter.before(ctx);
            ctx.attribute(RequestClient.SERVER_PROXIES, trustedProxies);
        });
        long drainLimit = Math.max(4L * config.maxBodyBytes(), DRAIN_AT_LEAST_BYTES);
        javalin.routes.after(ctx -> RequestFilter.after(ctx, drainLimit));
        // Runs last for every request Javalin answered (404s, 405s and failures included), on its thread.
        boolean logRequests = config.devMode();
        javalin.requestLogger.http((ctx, millis) -> answered(ctx, millis, observer, logRequests));
    }

    /**
     * Once a request is answered: tells the observer (metrics), writes the request line in dev mode (its route,
     * status and duration also as fields of the event, for the JSON log), and clears the request's log context.
     */
    private static void answered(Context ctx, float millis, RequestObserver observer, boolean logRequest) {
        try {
            String route = RequestFilter.routeTemplate(ctx);
            observer.answered(RequestFilter.methodLabel(ctx), route, ctx.statusCode(), (long) (millis * 1_000_000.0));
            if (logRequest) {
                MDC.put(RequestFilter.MDC_ROUTE, route);
                LOG.atInfo().addKeyValue("status", ctx.statusCode()).addKeyValue("durationMs", Math.round(millis))
                        .log("request {} {} {} -> {} in {} ms", RequestFilter.requestId(ctx), ctx.method(), ctx.path(),
                                ctx.statusCode(), Math.round(millis));
            }
        } catch (RuntimeException e) {
            LOG.warn("request {}: recording it failed: {}", RequestFilter.requestId(ctx), e.toString());
        } finally {
            RequestFilter.finished();
        }
    }

    private static void handleFailures(JavalinConfig javalin, Routes routes) {
        javalin.routes.exception(DomainError.class, (error, ctx) -> ErrorResponder.respond(ctx, ProblemMapper.map(error)));
        javalin.routes.exception(RequestRejected.class, (rejected, ctx) -> ErrorResponder.respond(ctx, rejected.problem()));
        javalin.routes.exception(HttpResponseException.class, (raised, ctx) -> {
            // Raised by Javalin itself: no route for the path (404) or none for the method (405).
            int status = raised.getStatus();
            if (status == 404) {
                ErrorResponder.respond(ctx, Problem.notFound());
            } else if (status == 405) {
                ctx.header("Allow", String.join(", ", routes.methodsOf(ctx.path())));
                ErrorResponder.respond(ctx, Problem.methodNotAllowed(ctx.method().name()));
            } else if (status >= 500) {
                ErrorResponder.unexpected(ctx, raised);
            } else {
                ErrorResponder.respond(ctx, Problem.ofStatus(status, HttpStatus.forStatus(status).getMessage()));
            }
        });
        javalin.routes.exception(Exception.class, (exception, ctx) -> ErrorResponder.unexpected(ctx, exception));
        javalin.router.javaLangErrorHandler(ErrorResponder::fatal);
    }
}
