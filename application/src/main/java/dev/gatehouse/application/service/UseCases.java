package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.AccountUseCase;
import dev.gatehouse.application.port.in.ChangePasswordUseCase;
import dev.gatehouse.application.port.in.EmailVerificationUseCase;
import dev.gatehouse.application.port.in.MagicLinkUseCase;
import dev.gatehouse.application.port.in.PasswordResetUseCase;
import dev.gatehouse.application.port.in.AddAccountUserUseCase;
import dev.gatehouse.application.port.in.AdminSessionsUseCase;
import dev.gatehouse.application.port.in.AdminUsersUseCase;
import dev.gatehouse.application.port.in.ApiKeysUseCase;
import dev.gatehouse.application.port.in.AuditEventsUseCase;
import dev.gatehouse.application.port.in.HousekeepingUseCase;
import dev.gatehouse.application.port.in.AuthenticateRootUseCase;
import dev.gatehouse.application.port.in.AuthenticateUseCase;
import dev.gatehouse.application.port.in.ChangeUserRoleUseCase;
import dev.gatehouse.application.port.in.ImpersonateUseCase;
import dev.gatehouse.application.port.in.IntrospectUseCase;
import dev.gatehouse.application.port.in.ListAccountUsersUseCase;
import dev.gatehouse.application.port.in.ProvisionTenantUseCase;
import dev.gatehouse.application.port.in.RemoveAccountUserUseCase;
import dev.gatehouse.application.port.in.CheckReadinessUseCase;
import dev.gatehouse.application.port.in.GetCurrentUserUseCase;
import dev.gatehouse.application.port.in.ListAllowedOriginsUseCase;
import dev.gatehouse.application.port.in.LoginUseCase;
import dev.gatehouse.application.port.in.ManageOwnSessionsUseCase;
import dev.gatehouse.application.port.in.RefreshUseCase;
import dev.gatehouse.application.port.in.RevocationFeedUseCase;
import dev.gatehouse.application.port.in.SignOutUseCase;
import dev.gatehouse.application.port.in.SigningKeysUseCase;
import dev.gatehouse.application.port.in.RegisterUserUseCase;
import dev.gatehouse.application.port.in.ResolveTenantUseCase;
import dev.gatehouse.application.port.in.SeedDevTenantUseCase;
import dev.gatehouse.application.port.in.DeliverMailUseCase;
import dev.gatehouse.application.port.in.DevMailboxUseCase;
import dev.gatehouse.application.port.in.EmailTemplatesUseCase;
import dev.gatehouse.application.port.out.MailOutbox;
import dev.gatehouse.application.port.out.MailSender;
import dev.gatehouse.application.port.out.MailTemplateRepository;
import dev.gatehouse.domain.mail.MailDeliveryPolicy;
import dev.gatehouse.application.port.in.ExternalTokenUseCase;
import dev.gatehouse.application.port.in.TenantSettingsUseCase;
import dev.gatehouse.application.port.out.AccountRepository;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.AuditTrail;
import dev.gatehouse.application.port.out.Clock;
import dev.gatehouse.application.port.out.HousekeepingStore;
import dev.gatehouse.application.port.out.CommonPasswordList;
import dev.gatehouse.application.port.out.MailHtmlSanitizer;
import dev.gatehouse.application.port.out.ExternalTokenVerifier;
import dev.gatehouse.application.port.out.HealthProbe;
import dev.gatehouse.application.port.out.IdGenerator;
import dev.gatehouse.application.port.out.OneTimeCodeRepository;
import dev.gatehouse.application.port.out.LoginSourceStore;
import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.application.port.out.RateLimitStore;
import dev.gatehouse.application.port.out.RefreshGrantRepository;
import dev.gatehouse.application.port.out.SecretGenerator;
import dev.gatehouse.application.port.out.SecretKeyRepository;
import dev.gatehouse.application.port.out.SigningKeyManagement;
import dev.gatehouse.application.port.out.SessionRepository;
import dev.gatehouse.application.port.out.TenantRepository;
import dev.gatehouse.application.port.out.TokenIssuer;
import dev.gatehouse.application.port.out.TokenVerifier;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.code.CodeKind;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The application's public face: builds every use case from the outbound ports. Adapters see only
 * the {@code port.in} interfaces this hands out; the services behind them stay package-private.
 */
public final class UseCases {
    /** How many mails one delivery round claims at most. */
    public static final int MAIL_BATCH = 5;

    /** Everything the use cases need from the outside world. */
    public record Ports(TenantRepository tenants, AccountRepository accounts, UserRepository users,
                       SessionRepository sessions, RefreshGrantRepository refreshGrants,
                       PasswordHasher passwordHasher, TokenIssuer tokenIssuer, TokenVerifier tokenVerifier,
                       SigningKeyManagement signingKeys,
                       SecretKeyRepository secretKeys, TransactionRunner transactions, Clock clock, IdGenerator ids,
                       SecretGenerator secrets,
                       HealthProbe database, AuditLog auditLog, AuditTrail auditTrail,
                       OneTimeCodeRepository oneTimeCodes, RateLimitStore rateLimits, LoginSourceStore loginSources,
                       ExternalTokenVerifier externalTokens, CommonPasswordList commonPasswords) {
        /** Without external issuer support (every external token is refused). */
        public Ports(TenantRepository tenants, AccountRepository accounts, UserRepository users,
                     SessionRepository sessions, RefreshGrantRepository refreshGrants,
                     PasswordHasher passwordHasher, TokenIssuer tokenIssuer, TokenVerifier tokenVerifier,
                     SigningKeyManagement signingKeys,
                     SecretKeyRepository secretKeys, TransactionRunner transactions, Clock clock, IdGenerator ids,
                     SecretGenerator secrets,
                     HealthProbe database, AuditLog auditLog, AuditTrail auditTrail,
                     OneTimeCodeRepository oneTimeCodes, RateLimitStore rateLimits, LoginSourceStore loginSources,
                     CommonPasswordList commonPasswords) {
            this(tenants, accounts, users, sessions, refreshGrants, passwordHasher, tokenIssuer, tokenVerifier,
                    signingKeys, secretKeys, transactions, clock, ids, secrets, database, auditLog, auditTrail,
                    oneTimeCodes, rateLimits, loginSources, ExternalTokenVerifier.NONE, commonPasswords);
        }

        public Ports {
            Objects.requireNonNull(externalTokens, "externalTokens");
            Objects.requireNonNull(rateLimits, "rateLimits");
            Objects.requireNonNull(loginSources, "loginSources");
            Objects.requireNonNull(tenants, "tenants");
            Objects.requireNonNull(accounts, "accounts");
            Objects.requireNonNull(users, "users");
            Objects.requireNonNull(sessions, "sessions");
            Objects.requireNonNull(refreshGrants, "refreshGrants");
            Objects.requireNonNull(secrets, "secrets");
            Objects.requireNonNull(secretKeys, "secretKeys");
            Objects.requireNonNull(passwordHasher, "passwordHasher");
            Objects.requireNonNull(tokenIssuer, "tokenIssuer");
            Objects.requireNonNull(tokenVerifier, "tokenVerifier");
            Objects.requireNonNull(signingKeys, "signingKeys");
            Objects.requireNonNull(transactions, "transactions");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(ids, "ids");
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(auditLog, "auditLog");
            Objects.requireNonNull(auditTrail, "auditTrail");
            Objects.requireNonNull(oneTimeCodes, "oneTimeCodes");
            Objects.requireNonNull(commonPasswords, "commonPasswords");
        }
    }

    /**
     * Tunables (docs/tokens.md explains each lifetime). {@code tenantCacheTtl} bounds how long a tenant
     * change (settings, a revoked key) may take to reach a process that cached the old state.
     *
     * @param compatAccessTokenLifetime access tokens of the StaticBackend-compatible routes (12 hours)
     * @param nativeAccessTokenLifetime access tokens of the native API and of refreshes (15 minutes)
     * @param sessionLifetime           the absolute limit of a session, never extended by refreshing (30 days)
     * @param refreshIdleLifetime       a refresh token expires this long after it was issued unused (7 days)
     * @param refreshReuseGrace         a used refresh token presented again within this window is taken for a
     *                                  concurrent duplicate (refused, nothing revoked); later, for theft
     * @param keyRotationAge            signing keys are rotated automatically at this age (30 days)
     * @param devMode                   enables the dev tenant's published root-token alias, and lets the dev tenant
     *                                  send magic links and recovery links to any http(s) URL from any sender
     * @param codeLifetimes             lifetimes of one-time codes by kind; a kind not named keeps
     *                                  {@link CodeKind#defaultLifetime()} (reset 1 hour, magic link 15 minutes,
     *                                  email verification 24 hours)
     * @param rateLimits                rate limits and brute-force protection (on by default; docs/security.md);
     *                                  off only where another layer limits, or for tests of other features
     */
    public record Settings(Duration compatAccessTokenLifetime, Duration nativeAccessTokenLifetime,
                           Duration sessionLifetime, Duration refreshIdleLifetime, Duration refreshReuseGrace,
                           Duration keyRotationAge, Duration tenantCacheTtl, boolean devMode,
                           Map<CodeKind, Duration> codeLifetimes, boolean rateLimits) {
        public static final Settings DEFAULT = new Settings(Duration.ofHours(12), Duration.ofMinutes(15),
                Duration.ofDays(30), Duration.ofDays(7), Duration.ofSeconds(5), Duration.ofDays(30),
                Duration.ofSeconds(1), false, Map.of(), true);

        /** Codes with their default lifetimes, rate limits on. */
        public Settings(Duration compatAccessTokenLifetime, Duration nativeAccessTokenLifetime,
                        Duration sessionLifetime, Duration refreshIdleLifetime, Duration refreshReuseGrace,
                        Duration keyRotationAge, Duration tenantCacheTtl, boolean devMode) {
            this(compatAccessTokenLifetime, nativeAccessTokenLifetime, sessionLifetime, refreshIdleLifetime,
                    refreshReuseGrace, keyRotationAge, tenantCacheTtl, devMode, Map.of(), true);
        }

        public Settings {
            codeLifetimes = codeLifetimes == null ? Map.of() : Map.copyOf(codeLifetimes);
            codeLifetimes.values().forEach(lifetime -> requirePositive(lifetime, "code lifetime"));
            requirePositive(compatAccessTokenLifetime, "compat access token lifetime");
            requirePositive(nativeAccessTokenLifetime, "native access token lifetime");
            requirePositive(sessionLifetime, "session lifetime");
            requirePositive(refreshIdleLifetime, "refresh token lifetime");
            requirePositive(keyRotationAge, "key rotation age");
            if (refreshReuseGrace.isNegative() || tenantCacheTtl.isNegative()) {
                throw new IllegalArgumentException("refresh reuse grace and tenant cache TTL must not be negative");
            }
        }

        private static void requirePositive(Duration value, String what) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(what + " must be positive");
            }
        }

        public Settings withTenantCacheTtl(Duration ttl) {
            return new Settings(compatAccessTokenLifetime, nativeAccessTokenLifetime, sessionLifetime,
                    refreshIdleLifetime, refreshReuseGrace, keyRotationAge, ttl, devMode, codeLifetimes, rateLimits);
        }

        public Settings withDevMode(boolean dev) {
            return new Settings(compatAccessTokenLifetime, nativeAccessTokenLifetime, sessionLifetime,
                    refreshIdleLifetime, refreshReuseGrace, keyRotationAge, tenantCacheTtl, dev, codeLifetimes,
                    rateLimits);
        }

        public Settings withCodeLifetimes(Map<CodeKind, Duration> lifetimes) {
            return new Settings(compatAccessTokenLifetime, nativeAccessTokenLifetime, sessionLifetime,
                    refreshIdleLifetime, refreshReuseGrace, keyRotationAge, tenantCacheTtl, devMode, lifetimes,
                    rateLimits);
        }

        public Settings withRateLimits(boolean on) {
            return new Settings(compatAccessTokenLifetime, nativeAccessTokenLifetime, sessionLifetime,
                    refreshIdleLifetime, refreshReuseGrace, keyRotationAge, tenantCacheTtl, devMode, codeLifetimes, on);
        }
    }

    /**
     * Outgoing mail: the outbox and template stores, the mail server, and how delivery behaves.
     *
     * @param serverSender the sender of tenants without a default sender of their own ({@code GATEHOUSE_MAIL_FROM})
     * @param lease        how long a delivery worker owns a claimed mail before another may retry it
     * @param keepBodies   keep subject and bodies after delivery (dev mode: the dev mailbox reads them);
     *                     false clears them once a mail is delivered or given up, so no code outlives it
     */
    public record Mail(MailOutbox outbox, MailTemplateRepository templates, MailSender sender, String serverSender,
                       MailDeliveryPolicy policy, Duration lease, boolean keepBodies, MailHtmlSanitizer htmlSanitizer) {
        /** With {@link MailHtmlSanitizer#TEXT_ONLY}: caller-written mail HTML keeps no formatting at all. */
        public Mail(MailOutbox outbox, MailTemplateRepository templates, MailSender sender, String serverSender,
                    MailDeliveryPolicy policy, Duration lease, boolean keepBodies) {
            this(outbox, templates, sender, serverSender, policy, lease, keepBodies, MailHtmlSanitizer.TEXT_ONLY);
        }

        public Mail {
            Objects.requireNonNull(htmlSanitizer, "htmlSanitizer");
            Objects.requireNonNull(outbox, "outbox");
            Objects.requireNonNull(templates, "templates");
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(serverSender, "server sender");
            Objects.requireNonNull(policy, "policy");
            if (lease == null || lease.isNegative() || lease.isZero()) {
                throw new IllegalArgumentException("the delivery lease must be positive");
            }
        }
    }

    private final RegisterUserService register;
    private final LoginService login;
    private final AuthenticateService authenticate;
    private final GetCurrentUserService currentUser;
    private final TenantDirectory tenantDirectory;
    private final SeedDevTenantService seedDevTenant;
    private final CheckReadinessUseCase readiness;
    private final SessionRevocations revocations;
    private final RefreshService refresh;
    private final SignOutService signOut;
    private final OwnSessionsService ownSessions;
    private final SigningKeysService signingKeys;
    private final RootAuthService rootAuth;
    private final ImpersonateService impersonate;
    private final AccountMembershipService membership;
    private final AccountService account;
    private final TenantProvisioningService provisioning;
    private final IntrospectService introspect;
    private final AdminSessionsService adminSessions;
    private final AdminUsersService adminUsers;
    private final ApiKeysService apiKeys;
    private final AuditEventsService auditEvents;
    private final AuditTrail auditTrail;
    private final Clock clock;
    private final MailComposer mailComposer;
    private final MailDeliveryService mailDelivery;
    private final DevMailboxService devMailbox;
    private final EmailTemplatesService emailTemplates;
    private final PasswordResetService passwordReset;
    private final MagicLinkService magicLinks;
    private final EmailVerificationService emailVerification;
    private final ChangePasswordService changePassword;
    private final RateLimiter rateLimiter;
    private final TenantSettingsService tenantSettings;
    private final ExternalTokenService externalTokens;

    private UseCases(Ports ports, Settings settings, Mail mail) {
        this.auditTrail = ports.auditTrail();
        this.clock = ports.clock();
        this.mailComposer = new MailComposer(mail.templates(), mail.outbox(), ports.clock(), ports.ids(),
                mail.serverSender());
        this.mailDelivery = new MailDeliveryService(mail.outbox(), mail.sender(), ports.clock(), mail.policy(),
                mail.lease(), MAIL_BATCH, mail.keepBodies(), codeLifetimesByMailKind(settings));
        this.devMailbox = new DevMailboxService(mail.outbox(), settings.devMode());
        this.emailTemplates = new EmailTemplatesService(mail.templates(), ports.transactions(), ports.clock(),
                ports.auditLog());
        this.tenantDirectory = new TenantDirectory(ports.tenants(), settings.tenantCacheTtl());
        TokenMinter minter = new TokenMinter(ports.tokenIssuer(), ports.clock(), ports.ids());
        SessionIssuer issuer = new SessionIssuer(ports.users(), ports.sessions(), ports.refreshGrants(), ports.secrets(), minter,
                ports.clock(), ports.ids(), settings);
        this.revocations = new SessionRevocations(ports.sessions(), ports.clock());
        this.rateLimiter = new RateLimiter(ports.rateLimits(), ports.loginSources(), ports.auditLog(),
                ports.transactions(), ports.clock(), settings.rateLimits());
        OneTimeCodes codes = new OneTimeCodes(ports.oneTimeCodes(), ports.secrets(), ports.transactions(),
                ports.clock(), ports.ids(), settings.codeLifetimes());
        RecoveryLinks links = new RecoveryLinks(settings.devMode());
        MailboxProofs proofs = new MailboxProofs(ports.users(), ports.sessions(), revocations, ports.passwordHasher(),
                ports.secrets());
        this.emailVerification = new EmailVerificationService(tenantDirectory, ports.users(), codes, links,
                mailComposer, ports.auditLog(), ports.transactions(), ports.clock(), rateLimiter, proofs);
        TakenAddressNotices notices = new TakenAddressNotices(mailComposer, rateLimiter, ports.transactions());
        this.register = new RegisterUserService(tenantDirectory, ports.accounts(), ports.users(),
                ports.passwordHasher(), ports.transactions(), ports.clock(), ports.ids(), issuer, ports.auditLog(),
                emailVerification, notices, rateLimiter, ports.commonPasswords());
        this.login = new LoginService(tenantDirectory, ports.users(), ports.passwordHasher(), issuer,
                ports.transactions(), ports.auditLog(), ports.clock(), rateLimiter);
        this.authenticate = new AuthenticateService(ports.tokenVerifier(), revocations, ports.sessions(), ports.clock());
        this.refresh = new RefreshService(ports.refreshGrants(), ports.sessions(), ports.users(), issuer, revocations,
                ports.transactions(), ports.clock(), settings.refreshReuseGrace(), ports.auditLog());
        this.signOut = new SignOutService(ports.sessions(), revocations, ports.clock(), ports.transactions(),
                ports.auditLog());
        this.ownSessions = new OwnSessionsService(ports.sessions(), revocations, ports.clock(), ports.transactions(),
                ports.auditLog());
        this.signingKeys = new SigningKeysService(ports.signingKeys(), settings.keyRotationAge());
        this.rootAuth = new RootAuthService(ports.tenants(), tenantDirectory, settings.devMode());
        this.impersonate = new ImpersonateService(ports.users(), issuer, ports.transactions(), ports.auditLog(),
                ports.clock());
        this.membership = new AccountMembershipService(tenantDirectory, ports.accounts(), ports.users(),
                ports.sessions(), revocations, ports.passwordHasher(), ports.transactions(), ports.clock(), ports.ids(),
                ports.auditLog(), ports.commonPasswords(), rateLimiter, notices, emailVerification);
        this.account = new AccountService(ports.accounts(), ports.users(), ports.transactions());
        this.introspect = new IntrospectService(authenticate, ports.users());
        this.apiKeys = new ApiKeysService(ports.secretKeys(), ports.tenants(), tenantDirectory, ports.secrets(),
                ports.transactions(), ports.clock(), ports.ids(), ports.auditLog());
        this.adminSessions = new AdminSessionsService(ports.users(), ports.sessions(), revocations, ports.clock(),
                ports.transactions(), ports.auditLog());
        this.adminUsers = new AdminUsersService(ports.accounts(), ports.users(), ports.sessions(), revocations,
                ports.transactions(), ports.clock(), ports.auditLog());
        this.provisioning = new TenantProvisioningService(ports.tenants(), ports.accounts(), ports.users(),
                ports.passwordHasher(), ports.secrets(), ports.transactions(), ports.clock(), ports.ids(),
                ports.auditLog(), ports.commonPasswords());
        this.currentUser = new GetCurrentUserService(ports.users(), revocations, ports.clock());
        this.seedDevTenant = new SeedDevTenantService(ports.tenants(), ports.accounts(), ports.users(),
                ports.passwordHasher(), ports.transactions(), ports.clock(), ports.ids());
        this.passwordReset = new PasswordResetService(tenantDirectory, ports.users(), ports.sessions(), revocations,
                ports.passwordHasher(), codes, links, mailComposer, ports.auditLog(), ports.transactions(),
                ports.clock(), rateLimiter, ports.commonPasswords());
        this.magicLinks = new MagicLinkService(tenantDirectory, ports.accounts(), ports.users(),
                ports.passwordHasher(), ports.secrets(), codes, links, issuer, mailComposer, ports.auditLog(),
                ports.transactions(), ports.clock(), ports.ids(), rateLimiter, mail.htmlSanitizer(), proofs);
        this.changePassword = new ChangePasswordService(tenantDirectory, ports.users(), ports.sessions(), revocations,
                ports.passwordHasher(), mailComposer, ports.auditLog(), ports.transactions(), ports.clock(),
                ports.commonPasswords(), rateLimiter);
        this.tenantSettings = new TenantSettingsService(ports.tenants(), tenantDirectory, ports.transactions(),
                ports.auditLog(), ports.clock(), settings.devMode());
        this.externalTokens = new ExternalTokenService(ports.externalTokens(), ports.users());
        this.auditEvents = new AuditEventsService(ports.auditTrail());
        HealthProbe database = ports.database();
        this.readiness = database::isHealthy;
    }

    /** Use cases without mail (recording a mail fails); for wiring and tests that never send any. */
    public static UseCases create(Ports ports, Settings settings) {
        return new UseCases(ports, settings, NoMail.mail());
    }

    public static UseCases create(Ports ports, Settings settings, Mail mail) {
        return new UseCases(ports, settings, mail);
    }

    /** How long the code a mail carries stays valid: such a mail is given up once its code has expired. */
    private static java.util.Map<dev.gatehouse.domain.mail.MailKind, Duration> codeLifetimesByMailKind(Settings settings) {
        java.util.Map<dev.gatehouse.domain.mail.MailKind, Duration> lifetimes =
                new java.util.EnumMap<>(dev.gatehouse.domain.mail.MailKind.class);
        for (dev.gatehouse.domain.code.CodeKind code : dev.gatehouse.domain.code.CodeKind.values()) {
            lifetimes.put(dev.gatehouse.domain.mail.MailKind.valueOf(code.name()),
                    settings.codeLifetimes().getOrDefault(code, code.defaultLifetime()));
        }
        return lifetimes;
    }

    /** For services of this package that send mail (built before them in the constructor). */
    MailComposer mailComposer() {
        return mailComposer;
    }

    public DeliverMailUseCase deliverMail() {
        return mailDelivery;
    }

    public DevMailboxUseCase devMailbox() {
        return devMailbox;
    }

    public EmailTemplatesUseCase emailTemplates() {
        return emailTemplates;
    }

    public PasswordResetUseCase passwordReset() {
        return passwordReset;
    }

    public MagicLinkUseCase magicLinks() {
        return magicLinks;
    }

    public EmailVerificationUseCase emailVerification() {
        return emailVerification;
    }

    public ChangePasswordUseCase changePassword() {
        return changePassword;
    }

    public RegisterUserUseCase registerUser() {
        return register;
    }

    public LoginUseCase login() {
        return login;
    }

    public AuthenticateUseCase authenticate() {
        return authenticate;
    }

    public GetCurrentUserUseCase currentUser() {
        return currentUser;
    }

    public ResolveTenantUseCase resolveTenant() {
        return tenantDirectory;
    }

    public ListAllowedOriginsUseCase allowedOrigins() {
        return tenantDirectory;
    }

    public SeedDevTenantUseCase seedDevTenant() {
        return seedDevTenant;
    }

    public CheckReadinessUseCase readiness() {
        return readiness;
    }

    public RefreshUseCase refresh() {
        return refresh;
    }

    public SignOutUseCase signOut() {
        return signOut;
    }

    public ManageOwnSessionsUseCase ownSessions() {
        return ownSessions;
    }

    public RevocationFeedUseCase revocationFeed() {
        return revocations;
    }

    public SigningKeysUseCase signingKeys() {
        return signingKeys;
    }

    public AuthenticateRootUseCase authenticateRoot() {
        return rootAuth;
    }

    public ImpersonateUseCase impersonate() {
        return impersonate;
    }

    public ListAccountUsersUseCase listAccountUsers() {
        return membership;
    }

    public AddAccountUserUseCase addAccountUser() {
        return membership;
    }

    public RemoveAccountUserUseCase removeAccountUser() {
        return membership;
    }

    public ChangeUserRoleUseCase changeUserRole() {
        return membership;
    }

    public AccountUseCase account() {
        return account;
    }

    public ProvisionTenantUseCase provisionTenant() {
        return provisioning;
    }

    public IntrospectUseCase introspect() {
        return introspect;
    }

    public AdminSessionsUseCase adminSessions() {
        return adminSessions;
    }

    public AdminUsersUseCase adminUsers() {
        return adminUsers;
    }

    /**
     * The housekeeping job over this store and the audit log (only the scheduler needs it, so its store is
     * passed here rather than among the {@link Ports} every use case shares).
     */
    public HousekeepingUseCase housekeeping(HousekeepingStore store) {
        return new HousekeepingService(store, auditTrail, clock);
    }

    public AuditEventsUseCase auditEvents() {
        return auditEvents;
    }

    public ApiKeysUseCase apiKeys() {
        return apiKeys;
    }

    public TenantSettingsUseCase tenantSettings() {
        return tenantSettings;
    }

    public ExternalTokenUseCase externalTokens() {
        return externalTokens;
    }
}
