package dev.gatehouse.application.fakes;

import dev.gatehouse.application.auth.port.out.ExternalTokenVerifier;
import dev.gatehouse.application.mail.MailSetup;
import dev.gatehouse.application.support.Settings;
import dev.gatehouse.domain.policy.PasswordPolicy;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.tenant.TenantSettings;
import dev.gatehouse.domain.mail.MailDeliveryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * The application wired to in-memory fakes: what use-case tests and HTTP adapter tests start from.
 * Tenants made with {@link #newTenant} allow any origin and use the default password policy.
 */
public final class FakeWorld {
    /** The server's default sender in these use cases. */
    public static final String SERVER_SENDER = "noreply@gatehouse.test";
    public final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    public final SequentialIds ids = new SequentialIds();
    public final InMemoryTenantRepository tenants = new InMemoryTenantRepository();
    public final InMemoryAccountRepository accounts = new InMemoryAccountRepository();
    public final InMemoryUserRepository users = new InMemoryUserRepository();
    public final InMemorySessionRepository sessions = new InMemorySessionRepository();
    public final InMemoryRefreshGrantRepository refreshGrants = new InMemoryRefreshGrantRepository();
    public final InMemorySecretKeyRepository secretKeys = new InMemorySecretKeyRepository();
    public final FakePasswordHasher hasher = new FakePasswordHasher();
    /**
     * The hasher the features use: {@link #hasher} unless the world was made {@link #withPasswordHasher} (a real one,
     * for tests of hashes other systems made).
     */
    public final dev.gatehouse.application.port.out.PasswordHasher passwordHasher;
    public final FakeTokens tokens = new FakeTokens(clock);
    public final InMemoryAuditLog audit = new InMemoryAuditLog();
    public final InMemoryOneTimeCodeRepository oneTimeCodes = new InMemoryOneTimeCodeRepository();
    public final FakeCommonPasswords commonPasswords = new FakeCommonPasswords();
    public final InMemoryMailOutbox mailOutbox = new InMemoryMailOutbox();
    public final InMemoryMailTemplateRepository mailTemplates = new InMemoryMailTemplateRepository();
    public final RecordingMailSender mailSender = new RecordingMailSender();
    public final InMemoryMfaRepository mfa = new InMemoryMfaRepository();
    public final InMemoryMfaChallengeRepository mfaChallenges = new InMemoryMfaChallengeRepository();
    public final FakeTotp totp = new FakeTotp();
    public final InMemoryOAuthProviderRepository oauthProviders = new InMemoryOAuthProviderRepository();
    public final InMemoryIdentityRepository identities = new InMemoryIdentityRepository();
    public final InMemoryOAuthFlowRepository oauthFlows = new InMemoryOAuthFlowRepository();
    public final FakeOAuthProtocol oauthProtocol = new FakeOAuthProtocol();
    public final InMemoryInvitationRepository invitations = new InMemoryInvitationRepository();
    public final InMemoryEmailChangeStore emailChanges = new InMemoryEmailChangeStore();
    public final InMemoryTransactionRunner transactions = new InMemoryTransactionRunner(tenants, accounts, users,
            sessions, refreshGrants, secretKeys, audit, mailOutbox, mailTemplates, oneTimeCodes, mfa, mfaChallenges,
            oauthProviders, identities, oauthFlows, invitations, emailChanges);
    public final InMemoryUserImportStore userImports = new InMemoryUserImportStore(accounts, users);
    public final InMemoryRateLimitStore rateLimits = new InMemoryRateLimitStore();
    public final InMemoryLoginSourceStore loginSources = new InMemoryLoginSourceStore();
    public volatile boolean databaseHealthy = true;
    public final AllFeatures useCases;

    /**
     * Rate limits off, whatever the settings say: tests of other features make many requests from one address
     * at one frozen instant. Tests of the limits start from {@link #withRateLimits}.
     */
    public FakeWorld() {
        this(Settings.DEFAULT);
    }

    /** Rate limits off, whatever the settings say (see {@link #FakeWorld()}). */
    public FakeWorld(Settings settings) {
        this(settings, false);
    }

    /** With rate limits and brute-force protection on, as in production. */
    public static FakeWorld withRateLimits() {
        return withRateLimits(Settings.DEFAULT);
    }

    public static FakeWorld withRateLimits(Settings settings) {
        return new FakeWorld(settings, true);
    }

    /** Rate limits off, {@code hasher} instead of the fake one (see {@link #passwordHasher}). */
    public static FakeWorld withPasswordHasher(dev.gatehouse.application.port.out.PasswordHasher hasher) {
        return new FakeWorld(Settings.DEFAULT, false, hasher);
    }

    private FakeWorld(Settings settings, boolean rateLimited) {
        this(settings, rateLimited, null);
    }

    private FakeWorld(Settings settings, boolean rateLimited, dev.gatehouse.application.port.out.PasswordHasher other) {
        this.passwordHasher = other == null ? hasher : other;
        settings = settings.withRateLimits(rateLimited);
        this.useCases = new AllFeatures(this, settings, new MailSetup(mailOutbox, mailTemplates, mailSender, SERVER_SENDER, MailDeliveryPolicy.DEFAULT,
                        Duration.ofMinutes(1), settings.devMode()), ExternalTokenVerifier.NONE,
                () -> databaseHealthy);
        // the server reads the revocation feed every few hundred milliseconds, so time passing includes a read
        clock.whenAdvanced(() -> useCases.sessions.revocationFeed().poll());
    }

    public Tenant newTenant(String publicKey) {
        Tenant tenant = Tenant.create(new TenantId(UUID.randomUUID()), "Tenant " + publicKey, publicKey,
                new TenantSettings(Set.of(TenantSettings.ANY_ORIGIN), PasswordPolicy.DEFAULT), clock.now());
        tenants.insert(tenant);
        return tenant;
    }
}
