package dev.gatehouse.application.fakes;

import dev.gatehouse.application.lifecycle.LifecycleFeature;
import dev.gatehouse.application.support.UserDeletion;
import dev.gatehouse.application.accounts.AccountsFeature;
import dev.gatehouse.application.accounts.port.in.AccountUseCase;
import dev.gatehouse.application.accounts.port.in.AddAccountUserUseCase;
import dev.gatehouse.application.accounts.port.in.ChangeUserRoleUseCase;
import dev.gatehouse.application.accounts.port.in.ListAccountUsersUseCase;
import dev.gatehouse.application.accounts.port.in.RemoveAccountUserUseCase;
import dev.gatehouse.application.admin.AdminFeature;
import dev.gatehouse.application.admin.port.in.AdminSessionsUseCase;
import dev.gatehouse.application.admin.port.in.AdminUsersUseCase;
import dev.gatehouse.application.admin.port.in.ImpersonateUseCase;
import dev.gatehouse.application.apikeys.ApiKeysFeature;
import dev.gatehouse.application.apikeys.port.in.ApiKeysUseCase;
import dev.gatehouse.application.audit.AuditFeature;
import dev.gatehouse.application.audit.port.in.AuditEventsUseCase;
import dev.gatehouse.application.audit.port.in.HousekeepingUseCase;
import dev.gatehouse.application.audit.port.out.HousekeepingStore;
import dev.gatehouse.application.auth.AuthFeature;
import dev.gatehouse.application.auth.port.in.ExternalTokenUseCase;
import dev.gatehouse.application.auth.port.in.LoginUseCase;
import dev.gatehouse.application.auth.port.in.RegisterUserUseCase;
import dev.gatehouse.application.auth.port.out.ExternalTokenVerifier;
import dev.gatehouse.application.mail.MailComposer;
import dev.gatehouse.application.mail.MailFeature;
import dev.gatehouse.application.mail.MailSetup;
import dev.gatehouse.application.mail.NoMail;
import dev.gatehouse.application.mail.port.in.DeliverMailUseCase;
import dev.gatehouse.application.mail.port.in.DevMailboxUseCase;
import dev.gatehouse.application.mail.port.in.EmailTemplatesUseCase;
import dev.gatehouse.application.port.in.CheckReadinessUseCase;
import dev.gatehouse.application.port.out.HealthProbe;
import dev.gatehouse.application.port.out.MfaChallengeRepository;
import dev.gatehouse.application.recovery.RecoveryFeature;
import dev.gatehouse.application.recovery.port.in.ChangePasswordUseCase;
import dev.gatehouse.application.recovery.port.in.EmailVerificationUseCase;
import dev.gatehouse.application.recovery.port.in.MagicLinkUseCase;
import dev.gatehouse.application.recovery.port.in.PasswordResetUseCase;
import dev.gatehouse.application.sessions.SessionsFeature;
import dev.gatehouse.application.sessions.port.in.AuthenticateUseCase;
import dev.gatehouse.application.sessions.port.in.GetCurrentUserUseCase;
import dev.gatehouse.application.sessions.port.in.IntrospectUseCase;
import dev.gatehouse.application.sessions.port.in.ManageOwnSessionsUseCase;
import dev.gatehouse.application.sessions.port.in.RefreshUseCase;
import dev.gatehouse.application.sessions.port.in.RevocationFeedUseCase;
import dev.gatehouse.application.sessions.port.in.SignOutUseCase;
import dev.gatehouse.application.signingkeys.SigningKeysFeature;
import dev.gatehouse.application.signingkeys.port.in.SigningKeysUseCase;
import dev.gatehouse.application.support.Credentials;
import dev.gatehouse.application.mfa.MfaFeature;
import dev.gatehouse.application.mfa.MfaKit;
import dev.gatehouse.application.support.Essentials;
import dev.gatehouse.application.support.RateLimiter;
import dev.gatehouse.application.support.Settings;
import dev.gatehouse.application.tenants.TenantsFeature;
import dev.gatehouse.application.tenants.port.in.AuthenticateRootUseCase;
import dev.gatehouse.application.tenants.port.in.ListAllowedOriginsUseCase;
import dev.gatehouse.application.tenants.port.in.ProvisionTenantUseCase;
import dev.gatehouse.application.tenants.port.in.ResolveTenantUseCase;
import dev.gatehouse.application.tenants.port.in.SeedDevTenantUseCase;
import dev.gatehouse.application.tenants.port.in.TenantSettingsUseCase;

/**
 * Every feature wired over one {@link FakeWorld}'s in-memory ports, as bootstrap wires them over the database: for
 * tests that drive several features (one that drives one feature may build just that one). A second instance over
 * the same world stands for a second process sharing the database.
 */
public final class AllFeatures {
    public final TenantsFeature tenants;
    public final MailFeature mail;
    public final SessionsFeature sessions;
    public final RecoveryFeature recovery;
    public final AuthFeature auth;
    public final AccountsFeature accounts;
    public final AdminFeature admin;
    public final ApiKeysFeature apiKeys;
    public final AuditFeature audit;
    public final SigningKeysFeature signingKeys;
    public final MfaFeature mfa;
    /** Provider sign-in over the world's stores and its {@link FakeOAuthProtocol}, public URL {@link #PUBLIC_URL}. */
    public final dev.gatehouse.application.oauth.OAuthFeature oauth;
    public final LifecycleFeature lifecycle;
    public final dev.gatehouse.application.invitations.InvitationsFeature invitations;
    public final dev.gatehouse.application.emailchange.EmailChangeFeature emailChange;
    public final dev.gatehouse.application.imports.ImportsFeature imports;
    public static final java.net.URI PUBLIC_URL = java.net.URI.create("https://auth.gatehouse.test");
    private final CheckReadinessUseCase readiness;

    public AllFeatures(FakeWorld w, Settings settings, MailSetup mailSetup, ExternalTokenVerifier external,
                       HealthProbe health) {
        RateLimiter limiter = new RateLimiter(w.rateLimits, w.loginSources, w.audit, w.transactions, w.clock,
                settings.rateLimits());
        Essentials essentials = new Essentials(w.clock, w.ids, new RandomSecrets(), w.transactions, w.audit, limiter,
                settings);
        Credentials credentials = new Credentials(w.passwordHasher, w.commonPasswords);
        this.tenants = new TenantsFeature(w.tenants, w.accounts, w.users, credentials, essentials);
        this.mail = new MailFeature(mailSetup, essentials);
        this.sessions = new SessionsFeature(w.users, w.sessions, w.refreshGrants, w.mfa, w.mfaChallenges, w.tokens,
                w.tokens, essentials);
        this.recovery = new RecoveryFeature(tenants, sessions, mail, w.oneTimeCodes, w.accounts, w.users, w.sessions,
                credentials, essentials);
        this.auth = new AuthFeature(tenants, sessions, recovery, mail, w.accounts, w.users, external, credentials,
                essentials);
        UserDeletion deletion = new UserDeletion(w.users, w.sessions, new InMemoryPersonalDataStore(w));
        this.accounts = new AccountsFeature(tenants, sessions, recovery, mail, w.accounts, w.users, w.sessions,
                credentials, deletion, essentials);
        this.admin = new AdminFeature(sessions, w.accounts, w.users, w.sessions, w.mfa, deletion, essentials);
        this.apiKeys = new ApiKeysFeature(tenants, w.tenants, w.secretKeys, essentials);
        this.audit = new AuditFeature(w.audit, w.clock);
        this.signingKeys = new SigningKeysFeature(w.tokens, settings);
        this.mfa = new MfaFeature(tenants, sessions, mail, w.users, w.sessions,
                new MfaKit(w.mfa, w.mfaChallenges, w.totp, FakeTotp.QR, FakeTotp.SEALER), credentials, essentials);
        this.oauth = new dev.gatehouse.application.oauth.OAuthFeature(tenants, sessions, recovery, w.accounts, w.users,
                new dev.gatehouse.application.oauth.OAuthKit(w.oauthProviders, w.identities, w.oauthFlows,
                        w.oauthProtocol, () -> java.util.Optional.of(PUBLIC_URL)), essentials);
        this.lifecycle = new LifecycleFeature(tenants, sessions, mfa, new LifecycleFeature.Stores(w.accounts, w.users,
                w.sessions, w.identities, w.mfa, w.audit), deletion, essentials);
        this.invitations = new dev.gatehouse.application.invitations.InvitationsFeature(tenants, sessions, recovery,
                mail, w.invitations, w.accounts, w.users, w.sessions, credentials, essentials);
        this.emailChange = new dev.gatehouse.application.emailchange.EmailChangeFeature(tenants, sessions, recovery, mail,
                w.users, w.sessions, w.emailChanges, essentials);
        this.imports = new dev.gatehouse.application.imports.ImportsFeature(tenants, w.accounts, w.userImports,
                essentials);
        this.readiness = health::isHealthy;
    }

    /** A second process over the same world: default settings, no mail, a healthy database. */
    public static AllFeatures otherProcess(FakeWorld world) {
        return otherProcess(world, ExternalTokenVerifier.NONE);
    }

    public static AllFeatures otherProcess(FakeWorld world, ExternalTokenVerifier external) {
        return new AllFeatures(world, Settings.DEFAULT, NoMail.mail(), external, () -> true);
    }

    public MailComposer mailComposer() {
        return mail.composer();
    }

    public DeliverMailUseCase deliverMail() {
        return mail.deliverMail();
    }

    public DevMailboxUseCase devMailbox() {
        return mail.devMailbox();
    }

    public EmailTemplatesUseCase emailTemplates() {
        return mail.emailTemplates();
    }

    public PasswordResetUseCase passwordReset() {
        return recovery.passwordReset();
    }

    public MagicLinkUseCase magicLinks() {
        return recovery.magicLinks();
    }

    public EmailVerificationUseCase emailVerification() {
        return recovery.emailVerification();
    }

    public ChangePasswordUseCase changePassword() {
        return recovery.changePassword();
    }

    public RegisterUserUseCase registerUser() {
        return auth.registerUser();
    }

    public LoginUseCase login() {
        return auth.login();
    }

    public ExternalTokenUseCase externalTokens() {
        return auth.externalTokens();
    }

    public AuthenticateUseCase authenticate() {
        return sessions.authenticate();
    }

    public GetCurrentUserUseCase currentUser() {
        return sessions.currentUser();
    }

    public RefreshUseCase refresh() {
        return sessions.refresh();
    }

    public SignOutUseCase signOut() {
        return sessions.signOut();
    }

    public ManageOwnSessionsUseCase ownSessions() {
        return sessions.ownSessions();
    }

    public RevocationFeedUseCase revocationFeed() {
        return sessions.revocationFeed();
    }

    public IntrospectUseCase introspect() {
        return sessions.introspect();
    }

    public ResolveTenantUseCase resolveTenant() {
        return tenants.resolveTenant();
    }

    public ListAllowedOriginsUseCase allowedOrigins() {
        return tenants.allowedOrigins();
    }

    public SeedDevTenantUseCase seedDevTenant() {
        return tenants.seedDevTenant();
    }

    public AuthenticateRootUseCase authenticateRoot() {
        return tenants.authenticateRoot();
    }

    public ProvisionTenantUseCase provisionTenant() {
        return tenants.provisionTenant();
    }

    public TenantSettingsUseCase tenantSettings() {
        return tenants.tenantSettings();
    }

    public CheckReadinessUseCase readiness() {
        return readiness;
    }

    public SigningKeysUseCase signingKeys() {
        return signingKeys.signingKeys();
    }

    public ImpersonateUseCase impersonate() {
        return admin.impersonate();
    }

    public AdminSessionsUseCase adminSessions() {
        return admin.adminSessions();
    }

    public AdminUsersUseCase adminUsers() {
        return admin.adminUsers();
    }

    public ListAccountUsersUseCase listAccountUsers() {
        return accounts.listAccountUsers();
    }

    public AddAccountUserUseCase addAccountUser() {
        return accounts.addAccountUser();
    }

    public RemoveAccountUserUseCase removeAccountUser() {
        return accounts.removeAccountUser();
    }

    public ChangeUserRoleUseCase changeUserRole() {
        return accounts.changeUserRole();
    }

    public AccountUseCase account() {
        return accounts.account();
    }

    public HousekeepingUseCase housekeeping(HousekeepingStore store, MfaChallengeRepository mfaChallenges,
                                            dev.gatehouse.application.oauth.port.out.OAuthFlowRepository oauthFlows,
                                            dev.gatehouse.application.emailchange.port.out.EmailChangeStore emailChanges) {
        return audit.housekeeping(store, mfaChallenges, oauthFlows, emailChanges);
    }

    public AuditEventsUseCase auditEvents() {
        return audit.auditEvents();
    }

    public ApiKeysUseCase apiKeys() {
        return apiKeys.apiKeys();
    }
}
