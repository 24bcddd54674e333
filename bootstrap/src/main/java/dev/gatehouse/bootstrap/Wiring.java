package dev.gatehouse.bootstrap;

import dev.gatehouse.adapters.crypto.BcryptPasswordHasher;
import dev.gatehouse.adapters.crypto.BoundedPasswordHasher;
import dev.gatehouse.adapters.crypto.JwtExternalTokenVerifier;
import dev.gatehouse.adapters.crypto.JwtTokenService;
import dev.gatehouse.adapters.crypto.MasterKey;
import dev.gatehouse.adapters.crypto.JavaOtpTotpAlgorithm;
import dev.gatehouse.adapters.crypto.MasterKeySecretSealer;
import dev.gatehouse.adapters.crypto.QrcodegenSvgRenderer;
import dev.gatehouse.application.mfa.MfaKit;
import dev.gatehouse.application.oauth.OAuthKit;
import dev.gatehouse.adapters.crypto.oauth.OidcOAuthProtocol;
import dev.gatehouse.adapters.crypto.NbvcxzCommonPasswords;
import dev.gatehouse.adapters.crypto.SecureRandomSecrets;
import dev.gatehouse.adapters.http.HttpApi;
import dev.gatehouse.adapters.mail.DevMailboxSender;
import dev.gatehouse.adapters.mail.DisabledMailSender;
import dev.gatehouse.adapters.mail.OwaspMailHtmlSanitizer;
import dev.gatehouse.adapters.mail.SmtpMailSender;
import dev.gatehouse.adapters.persistence.Database;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.Clock;
import dev.gatehouse.application.port.out.IdGenerator;
import dev.gatehouse.application.mail.port.out.MailSender;
import dev.gatehouse.domain.mail.MailDeliveryPolicy;
import dev.gatehouse.application.mail.MailFeature;
import dev.gatehouse.application.mail.MailSetup;
import dev.gatehouse.application.support.Credentials;
import dev.gatehouse.application.support.Essentials;
import dev.gatehouse.application.support.RateLimiter;
import dev.gatehouse.application.support.Settings;
import dev.gatehouse.bootstrap.observability.Metrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.UUID;

/** Builds the object graph by hand: adapters in, use cases out. The one place that sees every module. */
final class Wiring implements AutoCloseable {
    static final String MASTER_KEY_FILE = "master.key";
    private static final Duration FIRST_MAIL_RETRY = Duration.ofSeconds(5);

    final Config config;
    final Database database;
    final Features features;
    final Clock clock;
    final BoundedPasswordHasher hasher;
    /** Off unless the management port is set (GATEHOUSE_MANAGEMENT_PORT). */
    final Metrics metrics;
    private final AutoCloseable mailSender;
    /** Where start-up time went, in order: phase name and milliseconds (logged by Main, see docs/performance.md). */
    final java.util.Map<String, Long> startupPhases = new java.util.LinkedHashMap<>();
    /** Where the server listens, once it does: the dev-mode public URL when GATEHOUSE_PUBLIC_URL is unset. */
    final java.util.concurrent.atomic.AtomicReference<java.net.URI> listening;

    private Wiring(Config config, Database database, Features features, Clock clock, BoundedPasswordHasher hasher,
                   Metrics metrics, AutoCloseable mailSender,
                   java.util.concurrent.atomic.AtomicReference<java.net.URI> listening) {
        this.listening = listening;
        this.metrics = metrics;
        this.config = config;
        this.database = database;
        this.features = features;
        this.clock = clock;
        this.hasher = hasher;
        this.mailSender = mailSender;
    }

    static Database openDatabase(Config config) {
        return config.databaseUrl()
                .map(url -> Database.open(url, config.databaseUser().orElse(null), config.databasePassword().orElse(null),
                        config.databasePool()))
                .orElseGet(() -> Database.embedded(config.dataDir(), config.databasePool()));
    }

    /** Opens the database (migrating it) and wires the use cases on top. */
    static Wiring start(Config config) {
        long t0 = System.nanoTime();
        Database database = openDatabase(config);
        long t1 = System.nanoTime();
        BoundedPasswordHasher hasher = null;
        SmtpMailSender smtp = null;
        Metrics metrics = config.observability().management().isPresent() ? Metrics.prometheus(InstantSource.system())
                : Metrics.off();
        try {
            database.migrate();
            long t2 = System.nanoTime();
            Clock clock = Instant::now;
            IdGenerator ids = UUID::randomUUID;
            MasterKey masterKey = MasterKey.fromBase64(masterKey(config));
            MasterKeySecretSealer sealer = new MasterKeySecretSealer(masterKey);
            database.sealSecretsWith(sealer);
            Duration longest = config.compatTokenLifetime().compareTo(config.accessTokenLifetime()) > 0
                    ? config.compatTokenLifetime() : config.accessTokenLifetime();
            JwtTokenService tokens = new JwtTokenService(database.signingKeys(), masterKey, clock, config.issuer(),
                    100_000, longest);
            // Every hash and verification runs on this bounded pool, never on request threads (ADR 0019).
            hasher = new BoundedPasswordHasher(new BcryptPasswordHasher(config.bcryptCost()), config.hashPool().threads(),
                    config.hashPool().queue(), config.hashPool().maxWait());
            Settings settings = new Settings(config.compatTokenLifetime(), config.accessTokenLifetime(),
                    config.sessionLifetime(), config.refreshTokenLifetime(), config.refreshReuseGrace(),
                    config.keyRotationAge(), Settings.DEFAULT.tenantCacheTtl(), config.devMode())
                    .withRateLimits(config.rateLimits())
                    .withCodeLifetimes(config.codeLifetimes())
                    .withReauthWindow(config.reauthWindow())
                    .withRevocationStaleness(config.revocationStaleness());
            AuditLog audit = metrics.counting(database.auditLog()); // security events also counted, when metrics are on
            RateLimiter limiter = new RateLimiter(database.rateLimits(), database.loginSources(), audit,
                    database.transactions(), clock, settings.rateLimits());
            Essentials essentials = new Essentials(clock, ids, new SecureRandomSecrets(), database.transactions(),
                    audit, limiter, settings);
            Credentials credentials = new Credentials(hasher,
                    new BackgroundCommonPasswords(NbvcxzCommonPasswords::load));
            smtp = config.mail().smtp().map(SmtpMailSender::new).orElse(null);
            MfaKit mfaKit = new MfaKit(database.mfa(), database.mfaChallenges(), new JavaOtpTotpAlgorithm(),
                    new QrcodegenSvgRenderer(), sealer);
            var listening = new java.util.concurrent.atomic.AtomicReference<java.net.URI>();
            OAuthKit oauthKit = new OAuthKit(database.oauthProviders(), database.identities(), database.oauthFlows(),
                    new OidcOAuthProtocol(config.devMode()), () -> config.apiDocs().publicUrl()
                    .or(() -> config.devMode() ? java.util.Optional.ofNullable(listening.get()) : java.util.Optional.empty()));
            Features features = new Features(database, tokens, credentials,
                    new JwtExternalTokenVerifier(clock, config.devMode()), mail(config, database, smtp), essentials,
                    mfaKit, oauthKit);
            metrics.watch(hasher);
            metrics.watch(database);
            metrics.watchCache("users", features.sessions::userCacheStats);
            metrics.watchRevocationFeed(features.sessions.revocations()::completeAsOf);
            metrics.watchCache("tokens", tokens::cacheStats);
            Wiring wiring = new Wiring(config, database, features, clock, hasher, metrics, smtp, listening);
            wiring.startupPhases.put("database", (t1 - t0) / 1_000_000);
            wiring.startupPhases.put("migrations", (t2 - t1) / 1_000_000);
            wiring.startupPhases.put("wiring", (System.nanoTime() - t2) / 1_000_000);
            return wiring;
        } catch (RuntimeException e) {
            metrics.close();
            if (hasher != null) {
                hasher.close();
            }
            if (smtp != null) {
                smtp.close();
            }
            database.close();
            throw e;
        }
    }

    /**
     * Outgoing mail: SMTP when GATEHOUSE_SMTP_URL is set; otherwise, in dev mode, the dev mailbox (mails stay in
     * the database and their text is logged), and with GATEHOUSE_MAIL_DISABLED nothing is sent. Dev mode keeps
     * delivered mails' bodies for the dev mailbox; prod mode clears them once delivered or given up.
     *
     * <p>A worker owns a claimed batch for a lease long enough to send all of it even when every step of every
     * SMTP conversation takes the full timeout; a lease that ran out (the process died) lets another process
     * send the mail again, under the same Message-ID.
     */
    static MailSetup mail(Config config, Database database, SmtpMailSender smtp) {
        Config.Mail mail = config.mail();
        MailSender sender = smtp != null ? smtp
                : !mail.disabled() && config.devMode() ? new DevMailboxSender() : new DisabledMailSender();
        Duration firstRetry = mail.maxRetryDelay().compareTo(FIRST_MAIL_RETRY) < 0 ? mail.maxRetryDelay() : FIRST_MAIL_RETRY;
        Duration smtpTimeout = mail.smtp().map(s -> s.timeout()).orElse(Duration.ofSeconds(10));
        Duration lease = smtpTimeout.multipliedBy(4L * MailFeature.MAIL_BATCH).plus(Duration.ofSeconds(30));
        return new MailSetup(database.mailOutbox(), database.mailTemplates(), sender, mail.fromOrDevDefault(),
                new MailDeliveryPolicy(firstRetry, mail.maxRetryDelay(), mail.giveUpAfter()), lease, config.devMode(),
                new OwaspMailHtmlSanitizer());
    }

    /**
     * The master key: GATEHOUSE_MASTER_KEY, or in dev mode a key generated once into the data directory
     * (readable by the owner only), so that a dev server keeps its signing keys across restarts.
     */
    static String masterKey(Config config) {
        if (config.masterKey().isPresent()) {
            try {
                MasterKey.fromBase64(config.masterKey().get());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("GATEHOUSE_MASTER_KEY", e.getMessage());
            }
            return config.masterKey().get();
        }
        if (!config.devMode()) {
            throw new ConfigException("GATEHOUSE_MASTER_KEY", "is required in prod mode");
        }
        Path file = config.dataDir().resolve(MASTER_KEY_FILE);
        try {
            Files.createDirectories(config.dataDir());
            if (!Files.exists(file)) {
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, MasterKey.generateBase64() + "\n", StandardCharsets.US_ASCII);
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: use theirs
                } catch (UnsupportedOperationException noPosix) {
                    Files.writeString(file, MasterKey.generateBase64() + "\n", StandardCharsets.US_ASCII);
                }
            }
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the dev master key at " + file, e);
        }
    }

    @Override
    public void close() {
        hasher.close();
        if (mailSender != null) {
            try {
                mailSender.close();
            } catch (Exception e) {
                // closing an SMTP client holds no data: nothing to save
            }
        }
        database.close();
        metrics.close();
    }
}
