package dev.gatehouse.bootstrap;

import dev.gatehouse.adapters.crypto.BcryptPasswordHasher;
import dev.gatehouse.adapters.crypto.BoundedPasswordHasher;
import dev.gatehouse.adapters.crypto.JwtExternalTokenVerifier;
import dev.gatehouse.adapters.crypto.JwtTokenService;
import dev.gatehouse.adapters.crypto.MasterKey;
import dev.gatehouse.adapters.crypto.MasterKeySecretSealer;
import dev.gatehouse.adapters.crypto.NbvcxzCommonPasswords;
import dev.gatehouse.adapters.crypto.SecureRandomSecrets;
import dev.gatehouse.adapters.http.HttpApi;
import dev.gatehouse.adapters.mail.DevMailboxSender;
import dev.gatehouse.adapters.mail.DisabledMailSender;
import dev.gatehouse.adapters.mail.OwaspMailHtmlSanitizer;
import dev.gatehouse.adapters.mail.SmtpMailSender;
import dev.gatehouse.adapters.persistence.Database;
import dev.gatehouse.application.port.out.Clock;
import dev.gatehouse.application.port.out.IdGenerator;
import dev.gatehouse.application.port.out.MailSender;
import dev.gatehouse.domain.mail.MailDeliveryPolicy;
import dev.gatehouse.application.service.UseCases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Builds the object graph by hand: adapters in, use cases out. The one place that sees every module. */
final class Wiring implements AutoCloseable {
    static final String MASTER_KEY_FILE = "master.key";
    private static final Duration FIRST_MAIL_RETRY = Duration.ofSeconds(5);

    final Config config;
    final Database database;
    final UseCases useCases;
    final Clock clock;
    final BoundedPasswordHasher hasher;
    private final AutoCloseable mailSender;
    /** Where start-up time went, in order: phase name and milliseconds (logged by Main, see docs/performance.md). */
    final java.util.Map<String, Long> startupPhases = new java.util.LinkedHashMap<>();

    private Wiring(Config config, Database database, UseCases useCases, Clock clock, BoundedPasswordHasher hasher,
                   AutoCloseable mailSender) {
        this.config = config;
        this.database = database;
        this.useCases = useCases;
        this.clock = clock;
        this.hasher = hasher;
        this.mailSender = mailSender;
    }

    /** The use cases the HTTP adapter drives (only bootstrap may see the UseCases factory). */
    HttpApi.Services httpServices() {
        return new HttpApi.Services(useCases.registerUser(), useCases.login(), useCases.authenticate(),
                useCases.currentUser(), useCases.resolveTenant(), useCases.allowedOrigins(), useCases.readiness(),
                useCases.refresh(), useCases.signOut(), useCases.ownSessions(), useCases.authenticateRoot(),
                useCases.impersonate(), useCases.listAccountUsers(), useCases.addAccountUser(),
                useCases.removeAccountUser(), useCases.changeUserRole(), useCases.account(), useCases.signingKeys(),
                useCases.apiKeys(), useCases.introspect(), useCases.adminSessions(), useCases.provisionTenant(),
                useCases.adminUsers(), useCases.tenantSettings(), useCases.externalTokens(),
                new HttpApi.Recovery(useCases.passwordReset(), useCases.magicLinks(), useCases.emailVerification(),
                        useCases.changePassword()),
                useCases.devMailbox(), useCases.emailTemplates(), useCases.auditEvents());
    }

    static Database openDatabase(Config config) {
        return config.databaseUrl()
                .map(url -> Database.open(url, config.databaseUser().orElse(null), config.databasePassword().orElse(null)))
                .orElseGet(() -> Database.embedded(config.dataDir()));
    }

    /** Opens the database (migrating it) and wires the use cases on top. */
    static Wiring start(Config config) {
        long t0 = System.nanoTime();
        Database database = openDatabase(config);
        long t1 = System.nanoTime();
        BoundedPasswordHasher hasher = null;
        SmtpMailSender smtp = null;
        try {
            database.migrate();
            long t2 = System.nanoTime();
            Clock clock = Instant::now;
            IdGenerator ids = UUID::randomUUID;
            MasterKey masterKey = MasterKey.fromBase64(masterKey(config));
            database.sealSecretsWith(new MasterKeySecretSealer(masterKey));
            Duration longest = config.compatTokenLifetime().compareTo(config.accessTokenLifetime()) > 0
                    ? config.compatTokenLifetime() : config.accessTokenLifetime();
            JwtTokenService tokens = new JwtTokenService(database.signingKeys(), masterKey, clock, config.issuer(),
                    100_000, longest);
            // Every hash and verification runs on this bounded pool, never on request threads (ADR 0019).
            hasher = new BoundedPasswordHasher(new BcryptPasswordHasher(config.bcryptCost()), config.hashPool().threads(),
                    config.hashPool().queue(), config.hashPool().maxWait());
            UseCases useCases = UseCases.create(new UseCases.Ports(database.tenants(), database.accounts(),
                    database.users(), database.sessions(), database.refreshGrants(),
                    hasher, tokens, tokens, tokens, database.secretKeys(),
                    database.transactions(), clock, ids,
                    new SecureRandomSecrets(), database.health(), database.auditLog(), database.auditTrail(),
                    database.oneTimeCodes(), database.rateLimits(), database.loginSources(),
                    new JwtExternalTokenVerifier(clock, config.devMode()), new BackgroundCommonPasswords(NbvcxzCommonPasswords::load)),
                    new UseCases.Settings(config.compatTokenLifetime(), config.accessTokenLifetime(),
                            config.sessionLifetime(), config.refreshTokenLifetime(), config.refreshReuseGrace(),
                            config.keyRotationAge(), UseCases.Settings.DEFAULT.tenantCacheTtl(), config.devMode())
                            .withRateLimits(config.rateLimits())
                            .withCodeLifetimes(config.codeLifetimes()),
                    mail(config, database, smtp = config.mail().smtp().map(SmtpMailSender::new).orElse(null)));
            Wiring wiring = new Wiring(config, database, useCases, clock, hasher, smtp);
            wiring.startupPhases.put("database", (t1 - t0) / 1_000_000);
            wiring.startupPhases.put("migrations", (t2 - t1) / 1_000_000);
            wiring.startupPhases.put("wiring", (System.nanoTime() - t2) / 1_000_000);
            return wiring;
        } catch (RuntimeException e) {
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
    static UseCases.Mail mail(Config config, Database database, SmtpMailSender smtp) {
        Config.Mail mail = config.mail();
        MailSender sender = smtp != null ? smtp
                : !mail.disabled() && config.devMode() ? new DevMailboxSender() : new DisabledMailSender();
        Duration firstRetry = mail.maxRetryDelay().compareTo(FIRST_MAIL_RETRY) < 0 ? mail.maxRetryDelay() : FIRST_MAIL_RETRY;
        Duration smtpTimeout = mail.smtp().map(s -> s.timeout()).orElse(Duration.ofSeconds(10));
        Duration lease = smtpTimeout.multipliedBy(4L * UseCases.MAIL_BATCH).plus(Duration.ofSeconds(30));
        return new UseCases.Mail(database.mailOutbox(), database.mailTemplates(), sender, mail.fromOrDevDefault(),
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
    }
}
