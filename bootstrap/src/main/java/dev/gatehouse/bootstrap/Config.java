package dev.gatehouse.bootstrap;

import dev.gatehouse.adapters.http.HttpConfig;
import dev.gatehouse.adapters.http.imports.UserImportController;
import dev.gatehouse.adapters.mail.SmtpSettings;
import dev.gatehouse.bootstrap.observability.Observability;
import dev.gatehouse.adapters.persistence.PoolSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import dev.gatehouse.domain.code.CodeKind;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.tenant.IpRange;
import dev.gatehouse.application.support.Settings;
import dev.gatehouse.domain.time.DurationText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The server's configuration, read only from environment variables and validated as a whole at
 * start: every problem is reported with the variable's name. docs/configuration.md lists them all.
 */
public record Config(Mode mode, String host, int port, Optional<String> databaseUrl, Optional<String> databaseUser,
                     Optional<String> databasePassword, Path dataDir, Optional<String> masterKey, int bcryptCost,
                     Duration accessTokenLifetime, Duration compatTokenLifetime, Duration sessionLifetime,
                     Duration refreshTokenLifetime, Duration refreshReuseGrace, Duration keyRotationAge, String issuer,
                     Duration shutdownGrace, Optional<String> operatorToken, HashPool hashPool, boolean rateLimits,
                     List<IpRange> trustedProxies, Map<CodeKind, Duration> codeLifetimes,
                     Mail mail, Duration auditRetention, HttpConfig.ApiDocs apiDocs, Duration reauthWindow,
                     int importMaxBytes, Observability observability, PoolSettings databasePool,
                     Duration revocationStaleness) {

    public enum Mode { DEV, PROD }

    /**
     * The password-hashing pool (docs/adr/0019-hash-isolation.md): threads, the wait queue behind them, and
     * how long a queued hash may wait before it is shed.
     */
    public record HashPool(int threads, int queue, Duration maxWait) {
    }

    /**
     * Outgoing mail (docs/mail.md).
     *
     * @param smtp          the SMTP server ({@code GATEHOUSE_SMTP_URL}); empty: dev mode keeps mails in the dev
     *                      mailbox, prod mode refuses to start unless {@code disabled}
     * @param disabled      {@code GATEHOUSE_MAIL_DISABLED=true}: no mail server, mails are recorded and given up
     * @param from          the server's default sender ({@code GATEHOUSE_MAIL_FROM}), for tenants without their own
     * @param giveUpAfter   a mail not delivered this long after it was recorded is given up
     * @param maxRetryDelay the longest wait between two attempts (the backoff doubles up to it)
     */
    public record Mail(Optional<SmtpSettings> smtp, boolean disabled, Optional<String> from, Duration giveUpAfter,
                       Duration maxRetryDelay) {
        /** The default sender in dev mode when GATEHOUSE_MAIL_FROM is unset ({@code .invalid} is never a real domain). */
        public static final String DEV_FROM = "noreply@gatehouse.invalid";

        public String fromOrDevDefault() {
            return from.orElse(DEV_FROM);
        }
    }

    /**
     * What {@code serve} checks before it starts (the other commands send no mail): in prod mode a mail server
     * with a default sender, unless mail is explicitly disabled.
     *
     * @throws ConfigException naming the variable to set
     */
    public void requireMailSetupForServing() {
        if (devMode() || mail.disabled()) {
            return;
        }
        if (mail.smtp().isEmpty()) {
            throw new ConfigException(SmtpSettings.VARIABLE, "is required in prod mode (smtp://user:password@host:587"
                    + "?starttls=required or smtps://user:password@host:465), so that password-reset, magic-link and"
                    + " verification mails are delivered; to run without sending any mail, set GATEHOUSE_MAIL_DISABLED=true");
        }
        if (mail.from().isEmpty()) {
            throw new ConfigException("GATEHOUSE_MAIL_FROM", "is required in prod mode when " + SmtpSettings.VARIABLE
                    + " is set: the sender of tenants without a default sender of their own, e.g. no-reply@example.com");
        }
    }

    public static final int DEFAULT_PORT = 8099;
    public static final int DEFAULT_BCRYPT_COST = 10;
    public static final int MIN_PRODUCTION_BCRYPT_COST = 10;

    public boolean devMode() {
        return mode == Mode.DEV;
    }

    /** Secrets (master key, database password, operator token) never appear here. */
    @Override
    public String toString() {
        return "Config[mode=" + mode + ", host=" + host + ", port=" + port + ", database="
                + databaseUrl.map(url -> url.replaceAll("password=[^&;]*", "password=***")).orElse("embedded H2 in " + dataDir)
                + ", databasePoolWait=" + databasePool.connectionWait()
                + ", bcryptCost=" + bcryptCost + ", accessTokenLifetime=" + accessTokenLifetime
                + ", compatTokenLifetime=" + compatTokenLifetime + ", sessionLifetime=" + sessionLifetime
                + ", operatorApi=" + (operatorToken.isPresent() ? "on" : "off") + ", hashPool=" + hashPool
                + ", rateLimits=" + (rateLimits ? "on" : "off") + ", trustedProxies=" + trustedProxies
                + ", mail=" + (mail.disabled() ? "disabled" : mail.smtp().map(SmtpSettings::toString).orElse("dev mailbox"))
                + ", auditRetention=" + auditRetention + ", apiDocs=" + (apiDocs.served() ? "on" : "off")
                + ", logFormat=" + observability.logFormat() + ", management="
                + observability.management().map(m -> m.host() + ":" + m.port()).orElse("off") + "]";
    }

    public static Config fromEnvironment(Map<String, String> env) {
        Mode mode = switch (get(env, "GATEHOUSE_MODE").orElse("prod").toLowerCase(Locale.ROOT)) {
            case "dev" -> Mode.DEV;
            case "prod" -> Mode.PROD;
            default -> throw new ConfigException("GATEHOUSE_MODE", "must be 'dev' or 'prod'");
        };
        // Dev mode serves a tenant with published credentials: keep it on loopback unless asked otherwise.
        String host = get(env, "GATEHOUSE_HOST").orElse(mode == Mode.DEV ? "127.0.0.1" : "0.0.0.0");
        int port = intValue(env, "GATEHOUSE_PORT", DEFAULT_PORT, 0, 65535);
        Optional<String> databaseUrl = get(env, "GATEHOUSE_DATABASE_URL");
        databaseUrl.ifPresent(url -> {
            if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
                throw new ConfigException("GATEHOUSE_DATABASE_URL",
                        "must be a jdbc:postgresql://host:port/database URL (or jdbc:h2:...), or unset for the embedded H2 default");
            }
        });
        Path dataDir = Path.of(get(env, "GATEHOUSE_DATA_DIR").orElse("data"));
        Optional<String> masterKey = get(env, "GATEHOUSE_MASTER_KEY");
        if (mode == Mode.PROD && masterKey.isEmpty()) {
            throw new ConfigException("GATEHOUSE_MASTER_KEY", "is required in prod mode (32 random bytes, base64;"
                    + " generate one with: java -jar gatehouse.jar master-key)");
        }
        int bcryptCost = intValue(env, "GATEHOUSE_BCRYPT_COST", DEFAULT_BCRYPT_COST, 4, 31);
        if (mode == Mode.PROD && bcryptCost < MIN_PRODUCTION_BCRYPT_COST) {
            throw new ConfigException("GATEHOUSE_BCRYPT_COST", "must be at least " + MIN_PRODUCTION_BCRYPT_COST
                    + " in prod mode");
        }
        Duration tokenLifetime = duration(env, "GATEHOUSE_ACCESS_TOKEN_TTL", Duration.ofMinutes(15));
        Duration compatLifetime = duration(env, "GATEHOUSE_COMPAT_TOKEN_TTL", Duration.ofHours(12));
        Duration sessionLifetime = duration(env, "GATEHOUSE_SESSION_TTL", Duration.ofDays(30));
        Duration refreshLifetime = duration(env, "GATEHOUSE_REFRESH_TOKEN_TTL", Duration.ofDays(7));
        Duration reuseGrace = duration(env, "GATEHOUSE_REFRESH_REUSE_GRACE", Duration.ofSeconds(5));
        Duration keyRotationAge = duration(env, "GATEHOUSE_KEY_ROTATION", Duration.ofDays(30));
        if (reuseGrace.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new ConfigException("GATEHOUSE_REFRESH_REUSE_GRACE", "must be at most 1m (a longer window lets a"
                    + " stolen refresh token be replayed undetected)");
        }
        String issuer = get(env, "GATEHOUSE_ISSUER").orElse("gatehouse");
        Duration grace = duration(env, "GATEHOUSE_SHUTDOWN_GRACE", Duration.ofSeconds(10));
        Optional<String> operatorToken = get(env, "GATEHOUSE_OPERATOR_TOKEN");
        if (operatorToken.isPresent() && operatorToken.get().length() < 32) {
            throw new ConfigException("GATEHOUSE_OPERATOR_TOKEN", "must be at least 32 characters of random text"
                    + " (e.g. the output of: java -jar gatehouse.jar master-key)");
        }
        // cores - 1 (at least 1): a core stays free for token-only routes during a sign-in flood (ADR 0019)
        int hashThreads = intValue(env, "GATEHOUSE_HASH_THREADS", Math.max(1, Runtime.getRuntime().availableProcessors() - 1),
                1, 256);
        HashPool hashPool = new HashPool(hashThreads, intValue(env, "GATEHOUSE_HASH_QUEUE", 8 * hashThreads, 1, 100_000),
                duration(env, "GATEHOUSE_HASH_MAX_WAIT", Duration.ofSeconds(1)));
        boolean rateLimits = switch (get(env, "GATEHOUSE_RATE_LIMITS").orElse("on").toLowerCase(Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new ConfigException("GATEHOUSE_RATE_LIMITS", "must be 'on' or 'off'");
        };
        List<IpRange> trustedProxies = trustedProxies(env, "GATEHOUSE_TRUSTED_PROXIES");
        Map<CodeKind, Duration> codeLifetimes = new EnumMap<>(CodeKind.class);
        codeLifetimes.put(CodeKind.PASSWORD_RESET, codeLifetime(env, "GATEHOUSE_RESET_CODE_TTL",
                CodeKind.PASSWORD_RESET, Duration.ofDays(1)));
        codeLifetimes.put(CodeKind.MAGIC_LINK, codeLifetime(env, "GATEHOUSE_MAGIC_LINK_TTL",
                CodeKind.MAGIC_LINK, Duration.ofHours(1)));
        codeLifetimes.put(CodeKind.EMAIL_VERIFICATION, codeLifetime(env, "GATEHOUSE_VERIFICATION_CODE_TTL",
                CodeKind.EMAIL_VERIFICATION, Duration.ofDays(7)));
        return new Config(mode, host, port, databaseUrl, get(env, "GATEHOUSE_DATABASE_USER"),
                get(env, "GATEHOUSE_DATABASE_PASSWORD"), dataDir, masterKey, bcryptCost, tokenLifetime, compatLifetime,
                sessionLifetime, refreshLifetime, reuseGrace, keyRotationAge, issuer, grace, operatorToken, hashPool,
                rateLimits, trustedProxies, Map.copyOf(codeLifetimes), mail(env, mode), auditRetention(env),
                apiDocs(env, mode), duration(env, "GATEHOUSE_REAUTH_WINDOW", Settings.DEFAULT_REAUTH_WINDOW),
                intValue(env, "GATEHOUSE_IMPORT_MAX_BYTES", UserImportController.DEFAULT_MAX_BYTES, 1024 * 1024,
                        Integer.MAX_VALUE),
                Observability.fromEnvironment(env, mode == Mode.DEV, host, port),
                databasePool(env), revocationStaleness(env));
    }

    /**
     * How long a process that cannot read the revocation feed keeps accepting access tokens from memory: 1s to 30s
     * (ADR 0031). Beyond 30 s it would trust its view of sessions longer than any other cache rides out an outage.
     */
    private static Duration revocationStaleness(Map<String, String> env) {
        Duration bound = duration(env, "GATEHOUSE_REVOCATION_STALENESS", Settings.DEFAULT_REVOCATION_STALENESS);
        if (bound.compareTo(Duration.ofSeconds(1)) < 0 || bound.compareTo(Duration.ofSeconds(30)) > 0) {
            throw new ConfigException("GATEHOUSE_REVOCATION_STALENESS", "must be from 1s to 30s");
        }
        return bound;
    }

    /**
     * The API reference ({@code /openapi.json}, {@code /openapi.yaml}, {@code /docs}): always in dev mode; in prod
     * mode unless {@code GATEHOUSE_SERVE_API_DOCS=false}. {@code GATEHOUSE_PUBLIC_URL} is the URL it names.
     */
    private static HttpConfig.ApiDocs apiDocs(Map<String, String> env, Mode mode) {
        boolean serve = switch (get(env, "GATEHOUSE_SERVE_API_DOCS").orElse("true").toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException("GATEHOUSE_SERVE_API_DOCS", "must be 'true' or 'false'");
        };
        Optional<URI> publicUrl = get(env, "GATEHOUSE_PUBLIC_URL").map(text -> {
            try {
                URI url = new URI(text);
                HttpConfig.ApiDocs.requireUsablePublicUrl(url);
                return url;
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new ConfigException("GATEHOUSE_PUBLIC_URL", "must be an absolute http or https URL with a host"
                        + " and no user, query or fragment, such as https://auth.example.org");
            }
        });
        return new HttpConfig.ApiDocs(mode == Mode.DEV || serve, publicUrl);
    }

    /** How long a request waits for a database connection before it is answered 503: 250ms to 30s (ADR 0030). */
    private static PoolSettings databasePool(Map<String, String> env) {
        Duration wait = duration(env, "GATEHOUSE_DATABASE_POOL_WAIT", PoolSettings.DEFAULT.connectionWait());
        if (wait.compareTo(PoolSettings.MIN_WAIT) < 0 || wait.compareTo(Duration.ofSeconds(30)) > 0) {
            throw new ConfigException("GATEHOUSE_DATABASE_POOL_WAIT", "must be from 250ms to 30s");
        }
        return new PoolSettings(wait);
    }

    /** How long audit events are kept (the housekeeping job deletes older ones): at least a day. */
    private static Duration auditRetention(Map<String, String> env) {
        Duration retention = duration(env, "GATEHOUSE_AUDIT_RETENTION", Duration.ofDays(365));
        if (retention.compareTo(Duration.ofDays(1)) < 0 || retention.compareTo(Duration.ofDays(36_500)) > 0) {
            throw new ConfigException("GATEHOUSE_AUDIT_RETENTION", "must be from 1d (one day) to 36500d");
        }
        return retention;
    }

    /**
     * A one-time code's lifetime: from 1 second (tests of expiry use that) up to {@code max}, written as in the
     * docs ({@code 1d}, {@code 1h}, {@code 7d}): a code that lives long is a standing key.
     */
    private static Duration codeLifetime(Map<String, String> env, String name, CodeKind kind, Duration max) {
        Duration lifetime = duration(env, name, kind.defaultLifetime());
        if (lifetime.compareTo(Duration.ofSeconds(1)) < 0 || lifetime.compareTo(max) > 0) {
            String most = max.toHours() % 24 == 0 ? max.toDays() + "d" : max.toHours() + "h";
            throw new ConfigException(name, "must be from 1s to " + most);
        }
        return lifetime;
    }

    /** Comma-separated IP addresses or CIDR blocks; empty when unset. */
    private static List<IpRange> trustedProxies(Map<String, String> env, String name) {
        List<IpRange> ranges = new ArrayList<>();
        for (String entry : get(env, name).orElse("").split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                ranges.add(IpRange.parse(entry.strip()));
            } catch (InvalidInput e) {
                throw new ConfigException(name, "must be comma-separated IP addresses or CIDR blocks such as"
                        + " 10.0.0.0/8, not '" + entry.strip() + "'");
            }
        }
        return List.copyOf(ranges);
    }

    private static Mail mail(Map<String, String> env, Mode mode) {
        Optional<SmtpSettings> smtp;
        try {
            smtp = get(env, SmtpSettings.VARIABLE).map(SmtpSettings::parse);
        } catch (IllegalArgumentException e) {
            // SmtpSettings' messages start with the variable's name and never quote the URL (it may hold a password).
            throw new ConfigException(SmtpSettings.VARIABLE,
                    e.getMessage().substring(e.getMessage().startsWith(SmtpSettings.VARIABLE + " ")
                            ? SmtpSettings.VARIABLE.length() + 1 : 0));
        }
        boolean disabled = switch (get(env, "GATEHOUSE_MAIL_DISABLED").orElse("false").toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException("GATEHOUSE_MAIL_DISABLED", "must be 'true' or 'false'");
        };
        if (disabled && smtp.isPresent()) {
            throw new ConfigException("GATEHOUSE_MAIL_DISABLED", "cannot be true while " + SmtpSettings.VARIABLE
                    + " is set: unset one of them");
        }
        Optional<String> from = get(env, "GATEHOUSE_MAIL_FROM");
        from.ifPresent(address -> {
            try {
                new dev.gatehouse.domain.user.EmailAddress(address);
            } catch (dev.gatehouse.domain.error.InvalidInput e) {
                throw new ConfigException("GATEHOUSE_MAIL_FROM", "must be a bare email address such as"
                        + " no-reply@example.com");
            }
        });
        Duration giveUpAfter = duration(env, "GATEHOUSE_MAIL_GIVE_UP_AFTER", Duration.ofHours(24));
        Duration maxRetryDelay = duration(env, "GATEHOUSE_MAIL_MAX_RETRY_DELAY", Duration.ofMinutes(5));
        return new Mail(smtp, disabled, from.map(a -> a.strip().toLowerCase(Locale.ROOT)), giveUpAfter, maxRetryDelay);
    }

    private static Optional<String> get(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static int intValue(Map<String, String> env, String name, int fallback, int min, int max) {
        Optional<String> raw = get(env, name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(name, "must be a whole number from " + min + " to " + max);
    }

    /** Reads {@code name} with {@link DurationText} (units and forms: docs/configuration.md, "Durations"). */
    static Duration duration(Map<String, String> env, String name, Duration fallback) {
        Optional<String> raw = get(env, name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            return DurationText.parse(raw.get());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, e.getMessage());
        }
    }
}
