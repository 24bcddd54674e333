package dev.gatehouse.adapters.http;

import dev.gatehouse.adapters.http.accounts.AccountController;
import dev.gatehouse.adapters.http.admin.AdminSessionsController;
import dev.gatehouse.adapters.http.admin.AdminUsersController;
import dev.gatehouse.adapters.http.apikeys.ApiKeysController;
import dev.gatehouse.adapters.http.audit.AuditEventsController;
import dev.gatehouse.adapters.http.auth.NativeAuthController;
import dev.gatehouse.adapters.http.compat.AccountUsersController;
import dev.gatehouse.adapters.http.compat.CompatController;
import dev.gatehouse.adapters.http.compat.SudoController;
import dev.gatehouse.adapters.http.mail.DevMailboxController;
import dev.gatehouse.adapters.http.mail.EmailTemplatesController;
import dev.gatehouse.adapters.http.mfa.AdminMfaController;
import dev.gatehouse.adapters.http.mfa.MfaController;
import dev.gatehouse.adapters.http.sessions.IntrospectionController;
import dev.gatehouse.adapters.http.sessions.OwnSessionsController;
import dev.gatehouse.adapters.http.tenants.OperatorController;
import dev.gatehouse.adapters.http.tenants.TenantSettingsController;
import dev.gatehouse.application.accounts.port.in.AccountsUseCases;
import dev.gatehouse.application.admin.port.in.AdminUseCases;
import dev.gatehouse.application.apikeys.port.in.ApiKeysUseCase;
import dev.gatehouse.application.audit.port.in.AuditEventsUseCase;
import dev.gatehouse.application.auth.port.in.AuthUseCases;
import dev.gatehouse.application.fakes.AllFeatures;
import dev.gatehouse.application.mail.port.in.MailUseCases;
import dev.gatehouse.application.mfa.port.in.MfaUseCases;
import dev.gatehouse.application.port.in.CheckReadinessUseCase;
import dev.gatehouse.application.recovery.port.in.RecoveryUseCases;
import dev.gatehouse.application.sessions.port.in.SessionsUseCases;
import dev.gatehouse.application.signingkeys.port.in.SigningKeysUseCase;
import dev.gatehouse.application.tenants.port.in.TenantsUseCases;
import io.javalin.Javalin;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test wiring of the HTTP adapter over the in-memory application: every feature's controllers, as bootstrap
 * wires them over the database. A test may replace one feature's use cases (a broken or stubbed one) before
 * building the server.
 */
final class TestServices {
    TenantsUseCases tenants;
    SessionsUseCases sessions;
    AuthUseCases auth;
    RecoveryUseCases recovery;
    AccountsUseCases accounts;
    AdminUseCases admin;
    ApiKeysUseCase apiKeys;
    MailUseCases mail;
    AuditEventsUseCase auditEvents;
    SigningKeysUseCase signingKeys;
    MfaUseCases mfa;
    dev.gatehouse.application.oauth.port.in.OAuthUseCases oauth;
    dev.gatehouse.application.invitations.port.in.InvitationUseCases invitations;
    dev.gatehouse.application.emailchange.port.in.EmailChangeUseCases emailChange;
    java.util.function.Supplier<java.util.Optional<java.net.URI>> publicUrl;
    java.util.function.Supplier<java.util.Optional<java.net.URI>> callbackUrl;
    dev.gatehouse.application.lifecycle.port.in.LifecycleUseCases lifecycle;
    CheckReadinessUseCase readiness;
    dev.gatehouse.application.imports.port.in.ImportUsersUseCase importUsers;
    /** The import route's body limit ({@code GATEHOUSE_IMPORT_MAX_BYTES} in the server). */
    int importMaxBytes = dev.gatehouse.adapters.http.imports.UserImportController.DEFAULT_MAX_BYTES;

    static TestServices from(AllFeatures features) {
        TestServices uses = new TestServices();
        uses.tenants = features.tenants;
        uses.sessions = features.sessions;
        uses.auth = features.auth;
        uses.recovery = features.recovery;
        uses.accounts = features.accounts;
        uses.admin = features.admin;
        uses.apiKeys = features.apiKeys();
        uses.mail = features.mail;
        uses.auditEvents = features.auditEvents();
        uses.signingKeys = features.signingKeys();
        uses.mfa = features.mfa;
        uses.oauth = features.oauth;
        uses.invitations = features.invitations;
        uses.emailChange = features.emailChange;
        uses.publicUrl = features.oauth.publicUrl();
        uses.callbackUrl = features.oauth.callbackUrl();
        uses.lifecycle = features.lifecycle;
        uses.readiness = features.readiness();
        uses.importUsers = features.imports.importUsers();
        return uses;
    }

    RequestContext context(HttpConfig config) {
        return RequestContext.create(config, tenants, apiKeys);
    }

    List<Endpoints> endpoints(RequestContext http) {
        return List.of(
                new CompatController(auth, sessions, recovery.changePassword(), http),
                new AccountUsersController(accounts, sessions.authenticate(), http),
                new SudoController(admin.impersonate(), http),
                new dev.gatehouse.adapters.http.compat.RecoveryController(recovery, http),
                new NativeAuthController(auth, sessions, http),
                new dev.gatehouse.adapters.http.recovery.RecoveryController(recovery, sessions.authenticate(), http),
                new OwnSessionsController(sessions.ownSessions(), sessions.authenticate(), http),
                new AccountController(accounts, sessions.authenticate(), http),
                new IntrospectionController(sessions.introspect(), http),
                new AdminUsersController(admin.adminUsers(), lifecycle, http),
                new dev.gatehouse.adapters.http.lifecycle.LifecycleController(lifecycle, sessions.authenticate(), http),
                new AdminSessionsController(admin.adminSessions(), http),
                new ApiKeysController(apiKeys, http),
                new AuditEventsController(auditEvents, http),
                new TenantSettingsController(tenants.tenantSettings(), http),
                new EmailTemplatesController(mail.emailTemplates(), http),
                new DevMailboxController(mail.devMailbox(), http),
                new OperatorController(tenants.provisionTenant(), http),
                new MfaController(mfa, sessions, http),
                new AdminMfaController(mfa, http),
                new dev.gatehouse.adapters.http.oauth.OAuthController(oauth, tenants.resolveTenant(), http, publicUrl),
                new dev.gatehouse.adapters.http.oauth.AdminOAuthProvidersController(oauth, http, callbackUrl),
                new dev.gatehouse.adapters.http.oauth.IdentitiesController(oauth, sessions, http),
                new dev.gatehouse.adapters.http.invitations.InvitationsController(invitations, sessions.authenticate(),
                        http),
                new dev.gatehouse.adapters.http.emailchange.EmailChangeController(emailChange, sessions.authenticate(),
                        http),
                new dev.gatehouse.adapters.http.compat.ChangeEmailController(emailChange.changeEmail(),
                        sessions.authenticate(), http),
                new dev.gatehouse.adapters.http.imports.UserImportController(importUsers, http, importMaxBytes),
                new JwksController(signingKeys, http),
                new HealthController(readiness));
    }

    Javalin create(HttpConfig config) {
        RequestContext http = context(config);
        return HttpApi.create(http, endpoints(http));
    }

    Map<String, Set<String>> routeTable(HttpConfig config) {
        RequestContext http = context(config);
        return HttpApi.routeTable(http, endpoints(http));
    }
}
