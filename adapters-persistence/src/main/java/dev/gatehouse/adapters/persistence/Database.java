package dev.gatehouse.adapters.persistence;

import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import dev.gatehouse.application.port.out.MfaChallengeRepository;
import dev.gatehouse.application.port.out.MfaRepository;
import dev.gatehouse.application.support.port.out.PersonalDataStore;
import dev.gatehouse.application.port.out.AccountRepository;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.audit.port.out.AuditTrail;
import dev.gatehouse.application.audit.port.out.HousekeepingStore;
import dev.gatehouse.application.emailchange.port.out.EmailChangeStore;
import dev.gatehouse.application.port.out.HealthProbe;
import dev.gatehouse.application.mail.port.out.MailOutbox;
import dev.gatehouse.application.mail.port.out.MailTemplateRepository;
import dev.gatehouse.application.imports.port.out.UserImportStore;
import dev.gatehouse.application.oauth.port.out.IdentityRepository;
import dev.gatehouse.application.invitations.port.out.InvitationRepository;
import dev.gatehouse.application.oauth.port.out.OAuthFlowRepository;
import dev.gatehouse.application.oauth.port.out.OAuthProviderRepository;
import dev.gatehouse.application.recovery.port.out.OneTimeCodeRepository;
import dev.gatehouse.application.support.port.out.LoginSourceStore;
import dev.gatehouse.application.support.port.out.RateLimitStore;
import dev.gatehouse.application.sessions.port.out.RefreshGrantRepository;
import dev.gatehouse.application.apikeys.port.out.SecretKeyRepository;
import dev.gatehouse.application.port.out.SessionRepository;
import dev.gatehouse.application.signingkeys.port.out.SigningKeyStore;
import dev.gatehouse.application.port.out.TenantRepository;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.application.port.out.UserRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.ThreadLocalTransactionProvider;

/**
 * Gatehouse's relational store, PostgreSQL or an embedded H2 file: a connection pool, the Flyway migrations
 * and the jOOQ implementations of the persistence ports. All ports of one {@code Database} join the unit of
 * work that {@link #transactions()} opens on the calling thread (without one, each statement commits by
 * itself), except the two writes that commit on their own: rate-limit hits and mail claims ({@link JooqStore}).
 */
public final class Database implements AutoCloseable {
    /**
     * Options for the embedded H2 file. WRITE_DELAY=0 writes every commit to the file before the commit
     * returns, so a process killed right after a commit loses nothing; DB_CLOSE_ON_EXIT=FALSE leaves closing
     * to {@link #close()} rather than to H2's own shutdown hook, which would pull the database away from
     * work still running during a graceful shutdown.
     */
    static final String EMBEDDED_OPTIONS = "DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE";
    private static final int HEALTH_TIMEOUT_SECONDS = 2;
    private final ConnectionPool pool;
    private final DSLContext dsl;
    private final JooqTenantRepository tenants;
    private final AccountRepository accounts;
    private final UserRepository users;
    private final SessionRepository sessions;
    private final RefreshGrantRepository refreshGrants;
    private final SigningKeyStore signingKeys;
    private final SecretKeyRepository secretKeys;
    private final OneTimeCodeRepository oneTimeCodes;
    private final TransactionRunner transactions;
    private final JooqAuditLog auditLog;
    private final JooqHousekeeping housekeeping;
    private final MailOutbox mailOutbox;
    private final MailTemplateRepository mailTemplates;
    private final HealthProbe health;
    private final RateLimitStore rateLimits;
    private final LoginSourceStore loginSources;
    private final MfaRepository mfa;
    private final MfaChallengeRepository mfaChallenges;
    private final JooqOAuthProviderRepository oauthProviders;
    private final IdentityRepository identities;
    private final OAuthFlowRepository oauthFlows;
    private final PersonalDataStore personalData;
    private final InvitationRepository invitations;
    private final EmailChangeStore emailChanges;
    private final UserImportStore userImports;

    private Database(ConnectionPool pool, SQLDialect dialect) {
        this.pool = pool;
        DataSource dataSource = pool.pooled();
        Outages outages = new Outages();
        this.dsl = DSL.using(new DefaultConfiguration()
                .set(dialect)
                .set(outages)
                .set(new ThreadLocalTransactionProvider(new DataSourceConnectionProvider(dataSource))));
        // Transactions on connections of their own, never the calling thread's: only for what must commit
        // whatever the caller's unit of work does (JooqStore.committedAlone, docs/architecture.md).
        DSLContext separate = DSL.using(new DefaultConfiguration().set(dialect).set(outages).set(dataSource));
        this.tenants = new JooqTenantRepository(dsl);
        this.accounts = new JooqAccountRepository(dsl);
        this.users = new JooqUserRepository(dsl);
        this.sessions = new JooqSessionRepository(dsl);
        this.refreshGrants = new JooqRefreshGrantRepository(dsl);
        this.signingKeys = new JooqSigningKeyStore(dsl);
        this.secretKeys = new JooqSecretKeyRepository(dsl);
        this.oneTimeCodes = new JooqOneTimeCodeRepository(dsl);
        this.transactions = new JooqTransactionRunner(dsl);
        this.auditLog = new JooqAuditLog(dsl);
        this.housekeeping = new JooqHousekeeping(dsl);
        this.mailOutbox = new JooqMailOutbox(dsl, separate);
        this.mailTemplates = new JooqMailTemplateRepository(dsl);
        this.rateLimits = new JooqRateLimitStore(dsl, separate);
        this.loginSources = new JooqLoginSourceStore(dsl);
        this.mfa = new JooqMfaRepository(dsl);
        this.mfaChallenges = new JooqMfaChallengeRepository(dsl);
        this.oauthProviders = new JooqOAuthProviderRepository(dsl);
        this.identities = new JooqIdentityRepository(dsl);
        this.oauthFlows = new JooqOAuthFlowRepository(dsl);
        this.personalData = new JooqPersonalDataStore(dsl);
        this.invitations = new JooqInvitationRepository(dsl);
        this.emailChanges = new JooqEmailChangeStore(dsl);
        this.userImports = new JooqUserImportStore(dsl);
        this.health = () -> {
            try {
                dsl.selectOne().queryTimeout(HEALTH_TIMEOUT_SECONDS).fetch();
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        };
    }

    /**
     * Connects to {@code jdbc:postgresql:...} or {@code jdbc:h2:...} (an H2 URL must set
     * {@code DATABASE_TO_LOWER=TRUE}, as the schema's names are lower-case).
     *
     * @throws IllegalArgumentException for any other URL
     */
    public static Database open(String jdbcUrl, String user, String password) {
        return open(jdbcUrl, user, password, PoolSettings.DEFAULT);
    }

    /** As {@link #open(String, String, String)}, with the pool's settings (ADR 0030). */
    public static Database open(String jdbcUrl, String user, String password, PoolSettings pool) {
        SQLDialect dialect = dialectOf(jdbcUrl);
        return new Database(ConnectionPool.open(jdbcUrl, user, password, dialect, pool), dialect);
    }

    /** Opens (creating if needed) the H2 database kept in {@code dataDir/gatehouse.mv.db}. */
    public static Database embedded(Path dataDir) {
        return embedded(dataDir, PoolSettings.DEFAULT);
    }

    /** As {@link #embedded(Path)}, with the pool's settings. */
    public static Database embedded(Path dataDir, PoolSettings pool) {
        Path dir = dataDir.toAbsolutePath();
        if (dir.toString().contains(";")) {
            throw new IllegalArgumentException("the data directory must not contain ';' (it ends up in a JDBC URL): " + dir);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dir, e);
        }
        return open("jdbc:h2:file:" + dir.resolve("gatehouse") + ";" + EMBEDDED_OPTIONS, "sa", "", pool);
    }

    static SQLDialect dialectOf(String jdbcUrl) {
        return ConnectionPool.dialectOf(jdbcUrl);
    }

    /** {@code "postgresql"} or {@code "h2"}: which kind of database this is, for logs and diagnostics. */
    public String kind() {
        return dsl.dialect() == SQLDialect.H2 ? "h2" : "postgresql";
    }

    /**
     * Brings the schema up to date with the migrations in {@code classpath:db/migration} and the Java ones
     * (V14, {@link CanonicalEmailAddressesMigration}).
     */
    public void migrate() {
        migrate("latest", new CanonicalEmailAddressesMigration());
    }

    /** Migrates up to {@code target} (a version, or {@code latest}) with this V14: tests of a migration's effect. */
    void migrate(String target, CanonicalEmailAddressesMigration v14) {
        Flyway.configure().dataSource(pool.forMigrations()).locations("classpath:db/migration").javaMigrations(v14)
                .target(target).load().migrate();
    }

    /**
     * Seals the secrets kept in tenant settings (external issuers' HS256 secrets) and sign-in providers' client
     * secrets with {@code sealer} from now on; without it they are stored as given. The server always calls this
     * with the master key.
     */
    public void sealSecretsWith(dev.gatehouse.application.port.out.SecretSealer sealer) {
        tenants.sealSecretsWith(sealer);
        oauthProviders.sealSecretsWith(sealer);
    }

    public TenantRepository tenants() {
        return tenants;
    }

    public AccountRepository accounts() {
        return accounts;
    }

    public UserRepository users() {
        return users;
    }

    public SessionRepository sessions() {
        return sessions;
    }

    public RefreshGrantRepository refreshGrants() {
        return refreshGrants;
    }

    public SigningKeyStore signingKeys() {
        return signingKeys;
    }

    public SecretKeyRepository secretKeys() {
        return secretKeys;
    }

    public OneTimeCodeRepository oneTimeCodes() {
        return oneTimeCodes;
    }

    public TransactionRunner transactions() {
        return transactions;
    }

    public MailOutbox mailOutbox() {
        return mailOutbox;
    }

    public MailTemplateRepository mailTemplates() {
        return mailTemplates;
    }

    /** The audit log's write side (append-only). */
    public AuditLog auditLog() {
        return auditLog;
    }

    /** Batched deletes of expired rows of every table (the housekeeping job). */
    public HousekeepingStore housekeeping() {
        return housekeeping;
    }

    /** The audit log's read side and retention purge. */
    public AuditTrail auditTrail() {
        return auditLog;
    }

    /** Rate-limit window counters, shared by every process on this database. */
    public RateLimitStore rateLimits() {
        return rateLimits;
    }

    /** The sources each account signed in from successfully (brute-force exemption). */
    public LoginSourceStore loginSources() {
        return loginSources;
    }

    /** Users' second factors: TOTP factors (secrets sealed) and recovery codes (hashed). */
    public MfaRepository mfa() {
        return mfa;
    }

    /** The open challenges of sign-ins that still need their second factor (token hashes only). */
    public MfaChallengeRepository mfaChallenges() {
        return mfaChallenges;
    }

    /** Tenants' sign-in providers (client secrets sealed). */
    public OAuthProviderRepository oauthProviders() {
        return oauthProviders;
    }

    /** Provider accounts linked to users. */
    public IdentityRepository identities() {
        return identities;
    }

    /** Browser sign-ins under way and finished ones waiting for the app (single use). */
    public OAuthFlowRepository oauthFlows() {
        return oauthFlows;
    }

    /** Pending invitations to accounts (single use). */
    public InvitationRepository invitations() {
        return invitations;
    }

    /** Pending email changes and their reverts (V20). */
    public EmailChangeStore emailChanges() {
        return emailChanges;
    }

    /** Imported users, a batch at a time. */
    public UserImportStore userImports() {
        return userImports;
    }

    /** The erasure of a deleted user's personal data (ADR 0025). */
    public PersonalDataStore personalData() {
        return personalData;
    }

    /**
     * Answers whether {@code select 1} succeeds within a 2-second query timeout (after waiting at most the pool's
     * connection wait when every connection is busy or the database is gone); false on any failure, never throws.
     */
    public HealthProbe health() {
        return health;
    }

    /** The mail outbox's backlog now (one query), for the metrics: no port of the application. */
    public OutboxBacklog outboxBacklog() {
        return new JooqOutboxBacklog(dsl).read();
    }

    /** From now on, reports the connection pool's state to {@code factory}'s tracker (the metrics); once only. */
    public void trackPool(MetricsTrackerFactory factory) {
        pool.track(factory);
    }

    /** For tests in this package that need to reach past the ports. */
    DSLContext dsl() {
        return dsl;
    }

    @Override
    public void close() {
        pool.close();
    }
}
