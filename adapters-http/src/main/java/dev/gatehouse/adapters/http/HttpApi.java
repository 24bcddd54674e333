package dev.gatehouse.adapters.http;

import dev.gatehouse.adapters.http.compat.AccountUsersController;
import dev.gatehouse.adapters.http.compat.CompatController;
import dev.gatehouse.adapters.http.compat.SudoController;
import dev.gatehouse.adapters.http.problem.Problem;
import dev.gatehouse.adapters.http.problem.ProblemMapper;
import dev.gatehouse.adapters.http.problem.RequestRejected;
import dev.gatehouse.adapters.http.v1.AccountController;
import dev.gatehouse.adapters.http.v1.AdminSessionsController;
import dev.gatehouse.adapters.http.v1.AdminUsersController;
import dev.gatehouse.adapters.http.v1.AuditEventsController;
import dev.gatehouse.adapters.http.v1.ApiKeysController;
import dev.gatehouse.adapters.http.v1.DevMailboxController;
import dev.gatehouse.adapters.http.v1.EmailTemplatesController;
import dev.gatehouse.adapters.http.v1.IntrospectionController;
import dev.gatehouse.adapters.http.v1.NativeAuthController;
import dev.gatehouse.adapters.http.v1.OperatorController;
import dev.gatehouse.adapters.http.v1.OwnSessionsController;
import dev.gatehouse.adapters.http.v1.TenantSettingsController;
import dev.gatehouse.application.accounts.port.in.AccountUseCase;
import dev.gatehouse.application.accounts.port.in.AddAccountUserUseCase;
import dev.gatehouse.application.admin.port.in.AdminSessionsUseCase;
import dev.gatehouse.application.admin.port.in.AdminUsersUseCase;
import dev.gatehouse.application.apikeys.port.in.ApiKeysUseCase;
import dev.gatehouse.application.audit.port.in.AuditEventsUseCase;
import dev.gatehouse.application.tenants.port.in.AuthenticateRootUseCase;
import dev.gatehouse.application.sessions.port.in.AuthenticateUseCase;
import dev.gatehouse.application.recovery.port.in.ChangePasswordUseCase;
import dev.gatehouse.application.accounts.port.in.ChangeUserRoleUseCase;
import dev.gatehouse.application.port.in.CheckReadinessUseCase;
import dev.gatehouse.application.auth.port.in.ExternalTokenUseCase;
import dev.gatehouse.application.tenants.port.in.TenantSettingsUseCase;
import dev.gatehouse.application.recovery.port.in.EmailVerificationUseCase;
import dev.gatehouse.application.mail.port.in.DevMailboxUseCase;
import dev.gatehouse.application.mail.port.in.EmailTemplatesUseCase;
import dev.gatehouse.application.sessions.port.in.GetCurrentUserUseCase;
import dev.gatehouse.application.admin.port.in.ImpersonateUseCase;
import dev.gatehouse.application.sessions.port.in.IntrospectUseCase;
import dev.gatehouse.application.accounts.port.in.ListAccountUsersUseCase;
import dev.gatehouse.application.tenants.port.in.ListAllowedOriginsUseCase;
import dev.gatehouse.application.auth.port.in.LoginUseCase;
import dev.gatehouse.application.recovery.port.in.MagicLinkUseCase;
import dev.gatehouse.application.sessions.port.in.ManageOwnSessionsUseCase;
import dev.gatehouse.application.recovery.port.in.PasswordResetUseCase;
import dev.gatehouse.application.tenants.port.in.ProvisionTenantUseCase;
import dev.gatehouse.application.sessions.port.in.RefreshUseCase;
import dev.gatehouse.application.auth.port.in.RegisterUserUseCase;
import dev.gatehouse.application.accounts.port.in.RemoveAccountUserUseCase;
import dev.gatehouse.application.tenants.port.in.ResolveTenantUseCase;
import dev.gatehouse.application.sessions.port.in.SignOutUseCase;
import dev.gatehouse.application.signingkeys.port.in.SigningKeysUseCase;
import dev.gatehouse.domain.error.DomainError;
import dev.gatehouse.domain.tenant.IpRange;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import jakarta.servlet.DispatcherType;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *       {@code GET|DELETE /v1/admin/users/{id}/sessions} (200), {@code GET /v1/admin/api-keys} (200),
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
 * </ul>
 * Status per domain error: {@link ProblemMapper}. Input refusals: 400, 413, 415. Anything unexpected:
 * 500 with a generic body, logged with the request id.
 */
public final class HttpApi {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    /** Unread request bodies up to this size are drained so the connection stays usable. */
    private static final long DRAIN_AT_LEAST_BYTES = 1024 * 1024;

    /** The use cases the HTTP adapter drives. */
    public record Services(RegisterUserUseCase registerUser, LoginUseCase login, AuthenticateUseCase authenticate,
                           GetCurrentUserUseCase currentUser, ResolveTenantUseCase resolveTenant,
                           ListAllowedOriginsUseCase allowedOrigins, CheckReadinessUseCase readiness,
                           RefreshUseCase refresh, SignOutUseCase signOut, ManageOwnSessionsUseCase ownSessions,
                           AuthenticateRootUseCase authenticateRoot, ImpersonateUseCase impersonate,
                           ListAccountUsersUseCase listAccountUsers, AddAccountUserUseCase addAccountUser,
                           RemoveAccountUserUseCase removeAccountUser, ChangeUserRoleUseCase changeUserRole,
                           AccountUseCase account, SigningKeysUseCase signingKeys, ApiKeysUseCase apiKeys,
                           IntrospectUseCase introspect, AdminSessionsUseCase adminSessions,
                           ProvisionTenantUseCase provisionTenant, AdminUsersUseCase adminUsers,
                           TenantSettingsUseCase tenantSettings, ExternalTokenUseCase externalTokens,
                           Recovery recovery, DevMailboxUseCase devMailbox,
                           EmailTemplatesUseCase emailTemplates, AuditEventsUseCase auditEvents) {
        public Services {
            Objects.requireNonNull(auditEvents, "auditEvents");
            Objects.requireNonNull(tenantSettings, "tenantSettings");
            Objects.requireNonNull(externalTokens, "externalTokens");
            Objects.requireNonNull(registerUser, "registerUser");
            Objects.requireNonNull(login, "login");
            Objects.requireNonNull(authenticate, "authenticate");
            Objects.requireNonNull(currentUser, "currentUser");
            Objects.requireNonNull(resolveTenant, "resolveTenant");
            Objects.requireNonNull(allowedOrigins, "allowedOrigins");
            Objects.requireNonNull(readiness, "readiness");
            Objects.requireNonNull(refresh, "refresh");
            Objects.requireNonNull(signOut, "signOut");
            Objects.requireNonNull(ownSessions, "ownSessions");
            Objects.requireNonNull(authenticateRoot, "authenticateRoot");
            Objects.requireNonNull(impersonate, "impersonate");
            Objects.requireNonNull(listAccountUsers, "listAccountUsers");
            Objects.requireNonNull(addAccountUser, "addAccountUser");
            Objects.requireNonNull(removeAccountUser, "removeAccountUser");
            Objects.requireNonNull(changeUserRole, "changeUserRole");
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(signingKeys, "signingKeys");
            Objects.requireNonNull(apiKeys, "apiKeys");
            Objects.requireNonNull(introspect, "introspect");
            Objects.requireNonNull(adminSessions, "adminSessions");
            Objects.requireNonNull(provisionTenant, "provisionTenant");
            Objects.requireNonNull(recovery, "recovery");
            Objects.requireNonNull(adminUsers, "adminUsers");
            Objects.requireNonNull(devMailbox, "devMailbox");
            Objects.requireNonNull(emailTemplates, "emailTemplates");
        }
    }

    /** The recovery use cases: password reset, magic links, email verification, password change. */
    public record Recovery(PasswordResetUseCase passwordReset, MagicLinkUseCase magicLinks,
                           EmailVerificationUseCase emailVerification, ChangePasswordUseCase changePassword) {
        public Recovery {
            Objects.requireNonNull(passwordReset, "passwordReset");
            Objects.requireNonNull(magicLinks, "magicLinks");
            Objects.requireNonNull(emailVerification, "emailVerification");
            Objects.requireNonNull(changePassword, "changePassword");
        }
    }

    private HttpApi() {
    }

    /** A configured Javalin, not started: the caller starts and stops it. */
    public static Javalin create(Services services, HttpConfig config) {
        return build(services, config).app();
    }

    /**
     * The routes {@link #create} registers: each path (path parameters as {@code {name}}) with its methods,
     * without the {@code HEAD} and {@code OPTIONS} that every GET route and every path get on top. For the
     * test that holds the OpenAPI document to the routes actually served.
     */
    static Map<String, Set<String>> routeTable(Services services, HttpConfig config) {
        return build(services, config).routes().declared();
    }

    private record Built(Javalin app, Routes routes) {
    }

    private static Built build(Services services, HttpConfig config) {
        Objects.requireNonNull(services, "services");
        Objects.requireNonNull(config, "config");
        JsonBodyReader bodies = new JsonBodyReader(config.maxBodyBytes());
        FormBodyReader forms = new FormBodyReader(config.maxBodyBytes());
        Cors cors = new Cors(services.resolveTenant(), services.allowedOrigins());
        TenantSelector tenants = new TenantSelector(services.resolveTenant(), cors);
        CompatController compat = new CompatController(services.registerUser(), services.login(),
                services.authenticate(), services.currentUser(), services.recovery().changePassword(), tenants, bodies);
        NativeAuthController nativeAuth = new NativeAuthController(services.registerUser(), services.login(),
                services.refresh(), services.signOut(), services.authenticate(), services.currentUser(),
                services.externalTokens(), tenants, bodies, config.clock());
        OwnSessionsController ownSessions = new OwnSessionsController(services.ownSessions(), services.authenticate(),
                tenants);
        AccountUsersController compatAccountUsers = new AccountUsersController(services.listAccountUsers(),
                services.addAccountUser(), services.removeAccountUser(), services.authenticate(), tenants, bodies);
        RootCredentials rootCredentials = new RootCredentials(services.authenticateRoot(), services.apiKeys(), tenants);
        SudoController sudo = new SudoController(rootCredentials, services.impersonate());
        AccountController account = new AccountController(services.account(), services.listAccountUsers(),
                services.addAccountUser(), services.changeUserRole(), services.removeAccountUser(),
                services.authenticate(), tenants, bodies);
        IntrospectionController introspection = new IntrospectionController(services.introspect(), rootCredentials,
                bodies, forms);
        AdminSessionsController adminSessions = new AdminSessionsController(services.adminSessions(), rootCredentials);
        AdminUsersController adminUsers = new AdminUsersController(services.adminUsers(), rootCredentials, bodies);
        AuditEventsController auditEvents = new AuditEventsController(services.auditEvents(), rootCredentials);
        ApiKeysController apiKeys = new ApiKeysController(services.apiKeys(), rootCredentials, bodies, config.clock());
        TenantSettingsController tenantSettings = new TenantSettingsController(services.tenantSettings(),
                rootCredentials, bodies);
        Optional<OperatorController> operator = config.operatorToken()
                .map(token -> new OperatorController(services.provisionTenant(), token, bodies));
        EmailTemplatesController emailTemplates = new EmailTemplatesController(services.emailTemplates(),
                rootCredentials, bodies);
        Optional<DevMailboxController> devMailbox = config.devMode()
                ? Optional.of(new DevMailboxController(services.devMailbox(), rootCredentials)) : Optional.empty();
        JwksController jwks = new JwksController(services.signingKeys(), tenants);
        HealthController health = new HealthController(services.readiness());
        Optional<ApiDocsController> apiDocs = config.apiDocs().served()
                ? Optional.of(new ApiDocsController(config.apiDocs())) : Optional.empty();
        dev.gatehouse.adapters.http.compat.RecoveryController compatRecovery =
                new dev.gatehouse.adapters.http.compat.RecoveryController(services.recovery().passwordReset(),
                        services.recovery().magicLinks(), rootCredentials, tenants, bodies);
        dev.gatehouse.adapters.http.v1.RecoveryController nativeRecovery =
                new dev.gatehouse.adapters.http.v1.RecoveryController(services.recovery().passwordReset(),
                        services.recovery().magicLinks(), services.recovery().emailVerification(),
                        services.recovery().changePassword(), services.authenticate(), tenants, bodies, config.clock());

        Routes[] registered = new Routes[1];
        Javalin app = Javalin.create(javalin -> {
            configureServer(javalin, config);
            Routes routes = new Routes(javalin, cors);
            routes.add(HandlerType.POST, "/register", compat::register);
            routes.add(HandlerType.POST, "/login", compat::login);
            routes.add(HandlerType.GET, "/me", compat::me);
            routes.add(HandlerType.POST, "/account/users", compatAccountUsers::add);
            routes.add(HandlerType.GET, "/account/users", compatAccountUsers::list);
            routes.add(HandlerType.DELETE, "/account/users/{" + AccountUsersController.USER_ID + "}",
                    compatAccountUsers::remove);
            routes.add(HandlerType.GET, "/sudogettoken/{" + SudoController.ACCOUNT_ID + "}", sudo::token);
            routes.add(HandlerType.POST, "/password/send", compatRecovery::sendResetCode);
            routes.add(HandlerType.GET, "/password/resetcode", compatRecovery::resetCode);
            routes.add(HandlerType.POST, "/password/reset", compatRecovery::reset);
            routes.add(HandlerType.POST, "/login/magic", compatRecovery::sendMagicLink);
            routes.add(HandlerType.POST, "/user/changepw", compat::changePassword);
            routes.add(HandlerType.GET, "/login/magic", compatRecovery::exchangeMagicLink);
            routes.add(HandlerType.POST, "/v1/auth/signup", nativeAuth::signUp);
            routes.add(HandlerType.POST, "/v1/auth/signin", nativeAuth::signIn);
            routes.add(HandlerType.POST, "/v1/auth/refresh", nativeAuth::refresh);
            routes.add(HandlerType.POST, "/v1/auth/signout", nativeAuth::signOut);
            routes.add(HandlerType.POST, "/v1/auth/password/forgot", nativeRecovery::forgot);
            routes.add(HandlerType.POST, "/v1/auth/password/reset", nativeRecovery::reset);
            routes.add(HandlerType.POST, "/v1/auth/password/change", nativeRecovery::changePassword);
            routes.add(HandlerType.POST, "/v1/auth/magic-link", nativeRecovery::requestMagicLink);
            routes.add(HandlerType.POST, "/v1/auth/magic-link/verify", nativeRecovery::verifyMagicLink);
            routes.add(HandlerType.POST, "/v1/auth/email/verify/send", nativeRecovery::sendVerification);
            routes.add(HandlerType.POST, "/v1/auth/email/verify", nativeRecovery::verify);
            routes.add(HandlerType.GET, "/v1/me", nativeAuth::me);
            routes.add(HandlerType.GET, "/v1/me/sessions", ownSessions::list);
            routes.add(HandlerType.DELETE, "/v1/me/sessions/{" + OwnSessionsController.SESSION_ID + "}",
                    ownSessions::revoke);
            routes.add(HandlerType.GET, "/v1/account", account::get);
            routes.add(HandlerType.PATCH, "/v1/account", account::rename);
            routes.add(HandlerType.GET, "/v1/account/users", account::listUsers);
            routes.add(HandlerType.POST, "/v1/account/users", account::addUser);
            routes.add(HandlerType.PATCH, "/v1/account/users/{" + AccountController.USER_ID + "}", account::changeRole);
            routes.add(HandlerType.DELETE, "/v1/account/users/{" + AccountController.USER_ID + "}", account::removeUser);
            routes.add(HandlerType.POST, "/v1/auth/introspect", introspection::introspect);
            routes.add(HandlerType.GET, "/v1/admin/users", adminUsers::list);
            routes.add(HandlerType.GET, "/v1/admin/users/{" + AdminUsersController.USER_ID + "}", adminUsers::get);
            routes.add(HandlerType.PATCH, "/v1/admin/users/{" + AdminUsersController.USER_ID + "}", adminUsers::change);
            routes.add(HandlerType.DELETE, "/v1/admin/users/{" + AdminUsersController.USER_ID + "}", adminUsers::delete);
            routes.add(HandlerType.GET, "/v1/admin/users/{" + AdminSessionsController.USER_ID + "}/sessions",
                    adminSessions::list);
            routes.add(HandlerType.DELETE, "/v1/admin/users/{" + AdminSessionsController.USER_ID + "}/sessions",
                    adminSessions::revokeAll);
            routes.add(HandlerType.GET, "/v1/admin/api-keys", apiKeys::list);
            routes.add(HandlerType.POST, "/v1/admin/api-keys", apiKeys::create);
            routes.add(HandlerType.DELETE, "/v1/admin/api-keys/{" + ApiKeysController.KEY + "}", apiKeys::revoke);
            routes.add(HandlerType.GET, "/v1/admin/audit-events", auditEvents::list);
            routes.add(HandlerType.GET, "/v1/admin/settings", tenantSettings::get);
            routes.add(HandlerType.PATCH, "/v1/admin/settings", tenantSettings::patch);
            routes.add(HandlerType.GET, "/v1/admin/email-templates/{" + EmailTemplatesController.KIND + "}",
                    emailTemplates::get);
            routes.add(HandlerType.PUT, "/v1/admin/email-templates/{" + EmailTemplatesController.KIND + "}",
                    emailTemplates::put);
            // the dev mailbox shows codes and links: outside dev mode the path is not served at all (404)
            devMailbox.ifPresent(mailbox -> routes.add(HandlerType.GET, "/v1/dev/mailbox", mailbox::list));
            operator.ifPresent(tenantsApi -> {
                // without an operator token these paths are not served at all: 404, as for any unknown path
                routes.add(HandlerType.POST, "/v1/tenants", tenantsApi::create);
                routes.add(HandlerType.GET, "/v1/tenants", tenantsApi::list);
            });
            routes.add(HandlerType.GET, "/.well-known/jwks.json", jwks::jwks);
            routes.add(HandlerType.GET, "/health/live", health::live);
            routes.add(HandlerType.GET, "/health/ready", health::ready);
            apiDocs.ifPresent(docs -> {
                routes.add(HandlerType.GET, "/openapi.json", docs::json);
                routes.add(HandlerType.GET, "/openapi.yaml", docs::yaml);
                routes.add(HandlerType.GET, "/docs", docs::page);
                routes.add(HandlerType.GET, "/docs/{" + ApiDocsController.ASSET + "}", docs::asset);
            });
            routes.addPreflights();
            handleFailures(javalin, routes);
            registered[0] = routes;
        });
        return new Built(app, Objects.requireNonNull(registered[0], "Javalin did not apply the configuration"));
    }

    private static void configureServer(JavalinConfig javalin, HttpConfig config) {
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
        if (config.devMode()) {
            javalin.requestLogger.http((ctx, millis) -> LOG.info("request {} {} {} -> {} in {} ms",
                    RequestFilter.requestId(ctx), ctx.method(), ctx.path(), ctx.statusCode(), Math.round(millis)));
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

    /**
     * Registers routes and remembers each path's methods, for preflights, {@code Allow} headers and the
     * route table. Paths are literal but for whole segments in braces ({@code {id}}), which match any one
     * segment.
     */
    private static final class Routes {
        private final JavalinConfig javalin;
        private final Cors cors;
        private final Map<String, Set<String>> methodsByPath = new LinkedHashMap<>();
        private final Map<String, Set<String>> declared = new LinkedHashMap<>();

        Routes(JavalinConfig javalin, Cors cors) {
            this.javalin = javalin;
            this.cors = cors;
        }

        void add(HandlerType method, String path, Handler handler) {
            javalin.routes.addHttpHandler(method, path, handler);
            declared.computeIfAbsent(path, p -> new LinkedHashSet<>()).add(method.name());
            Set<String> methods = methodsByPath.computeIfAbsent(path, p -> new LinkedHashSet<>());
            methods.add(method.name());
            if (method == HandlerType.GET) {
                // Javalin would answer HEAD with an empty 200 without running the route; run it instead.
                javalin.routes.addHttpHandler(HandlerType.HEAD, path, handler);
                methods.add(HandlerType.HEAD.name());
            }
        }

        /** Every path answers {@code OPTIONS}: CORS preflights name no tenant and need no route of their own. */
        void addPreflights() {
            methodsByPath.forEach((path, methods) -> {
                methods.add(HandlerType.OPTIONS.name());
                javalin.routes.addHttpHandler(HandlerType.OPTIONS, path, ctx -> cors.preflight(ctx, methods));
            });
        }

        /** The methods served at a request path: those of the first route path that matches it. */
        Set<String> methodsOf(String path) {
            String normalised = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            Set<String> exact = methodsByPath.get(normalised);
            if (exact != null) {
                return exact;
            }
            String[] segments = normalised.split("/", -1);
            for (Map.Entry<String, Set<String>> route : methodsByPath.entrySet()) {
                if (matches(route.getKey().split("/", -1), segments)) {
                    return route.getValue();
                }
            }
            return Set.of();
        }

        private static boolean matches(String[] template, String[] segments) {
            if (template.length != segments.length) {
                return false;
            }
            for (int i = 0; i < template.length; i++) {
                boolean parameter = template[i].startsWith("{") && template[i].endsWith("}");
                if (parameter ? segments[i].isEmpty() : !template[i].equals(segments[i])) {
                    return false;
                }
            }
            return true;
        }

        Map<String, Set<String>> declared() {
            Map<String, Set<String>> copy = new LinkedHashMap<>();
            declared.forEach((path, methods) -> copy.put(path, Collections.unmodifiableSet(new LinkedHashSet<>(methods))));
            return Collections.unmodifiableMap(copy);
        }
    }
}
