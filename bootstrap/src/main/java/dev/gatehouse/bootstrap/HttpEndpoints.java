package dev.gatehouse.bootstrap;

import dev.gatehouse.adapters.http.Endpoints;
import dev.gatehouse.adapters.http.HealthController;
import dev.gatehouse.adapters.http.HttpApi;
import dev.gatehouse.adapters.http.HttpConfig;
import dev.gatehouse.adapters.http.JwksController;
import dev.gatehouse.adapters.http.invitations.InvitationsController;
import dev.gatehouse.adapters.http.mfa.AdminMfaController;
import dev.gatehouse.adapters.http.mfa.MfaController;
import dev.gatehouse.adapters.http.oauth.AdminOAuthProvidersController;
import dev.gatehouse.adapters.http.oauth.IdentitiesController;
import dev.gatehouse.adapters.http.oauth.OAuthController;
import dev.gatehouse.adapters.http.RequestContext;
import dev.gatehouse.adapters.http.accounts.AccountController;
import dev.gatehouse.adapters.http.admin.AdminSessionsController;
import dev.gatehouse.adapters.http.admin.AdminUsersController;
import dev.gatehouse.adapters.http.apikeys.ApiKeysController;
import dev.gatehouse.adapters.http.audit.AuditEventsController;
import dev.gatehouse.adapters.http.auth.NativeAuthController;
import dev.gatehouse.adapters.http.compat.AccountUsersController;
import dev.gatehouse.adapters.http.compat.ChangeEmailController;
import dev.gatehouse.adapters.http.emailchange.EmailChangeController;
import dev.gatehouse.adapters.http.compat.CompatController;
import dev.gatehouse.adapters.http.compat.SudoController;
import dev.gatehouse.adapters.http.imports.UserImportController;
import dev.gatehouse.adapters.http.mail.DevMailboxController;
import dev.gatehouse.adapters.http.mail.EmailTemplatesController;
import dev.gatehouse.adapters.http.recovery.RecoveryController;
import dev.gatehouse.adapters.http.sessions.IntrospectionController;
import dev.gatehouse.adapters.http.sessions.OwnSessionsController;
import dev.gatehouse.adapters.http.tenants.OperatorController;
import dev.gatehouse.adapters.http.tenants.TenantSettingsController;
import dev.gatehouse.application.auth.port.in.AuthUseCases;
import dev.gatehouse.bootstrap.observability.Metrics;
import io.javalin.Javalin;
import java.util.List;

/** The HTTP side of every feature: each feature's controllers over its use cases, served by one Javalin. */
final class HttpEndpoints {
    private HttpEndpoints() {
    }

    static Javalin create(Features f, Metrics metrics, HttpConfig config, int importMaxBytes) {
        RequestContext http = RequestContext.create(config, f.tenants, f.apiKeys.apiKeys());
        AuthUseCases auth = metrics.counting(f.auth); // sign-ins answered with a second step, counted
        List<Endpoints> endpoints = List.of(
                new CompatController(auth, f.sessions, f.recovery.changePassword(), http),
                new AccountUsersController(f.accounts, f.sessions.authenticate(), http),
                new SudoController(f.admin.impersonate(), http),
                new dev.gatehouse.adapters.http.compat.RecoveryController(f.recovery, http),
                new NativeAuthController(auth, f.sessions, http),
                new RecoveryController(f.recovery, f.sessions.authenticate(), http),
                new OwnSessionsController(f.sessions.ownSessions(), f.sessions.authenticate(), http),
                new AccountController(f.accounts, f.sessions.authenticate(), http),
                new IntrospectionController(f.sessions.introspect(), http),
                new AdminUsersController(f.admin.adminUsers(), f.lifecycle, http),
                new dev.gatehouse.adapters.http.lifecycle.LifecycleController(f.lifecycle, f.sessions.authenticate(), http),
                new AdminSessionsController(f.admin.adminSessions(), http),
                new ApiKeysController(f.apiKeys.apiKeys(), http),
                new AuditEventsController(f.audit.auditEvents(), http),
                new TenantSettingsController(f.tenants.tenantSettings(), http),
                new EmailTemplatesController(f.mail.emailTemplates(), http),
                new DevMailboxController(f.mail.devMailbox(), http),
                new OperatorController(f.tenants.provisionTenant(), http),
                new MfaController(f.mfa, f.sessions, http),
                new AdminMfaController(f.mfa, http),
                new OAuthController(f.oauth, f.tenants.resolveTenant(), http, f.oauth.publicUrl()),
                new AdminOAuthProvidersController(f.oauth, http, f.oauth.callbackUrl()),
                new IdentitiesController(f.oauth, f.sessions, http),
                new InvitationsController(f.invitations, f.sessions.authenticate(), http),
                new EmailChangeController(f.emailChange, f.sessions.authenticate(), http),
                new ChangeEmailController(f.emailChange.changeEmail(), f.sessions.authenticate(), http),
                new UserImportController(f.imports.importUsers(), http, importMaxBytes),
                new JwksController(f.signingKeys.signingKeys(), http),
                new HealthController(f.readiness));
        return HttpApi.create(http, endpoints, metrics.requests());
    }
}
