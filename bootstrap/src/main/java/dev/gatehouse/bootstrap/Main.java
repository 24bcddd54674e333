package dev.gatehouse.bootstrap;

import dev.gatehouse.adapters.crypto.MasterKey;
import dev.gatehouse.adapters.http.HttpConfig;
import dev.gatehouse.adapters.http.ManagementApi;
import dev.gatehouse.adapters.persistence.Database;
import dev.gatehouse.application.tenants.port.in.SeedDevTenantUseCase;
import dev.gatehouse.bootstrap.observability.LogFormat;
import dev.gatehouse.bootstrap.observability.Logging;
import dev.gatehouse.bootstrap.observability.Observability;
import io.javalin.Javalin;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code gatehouse serve | migrate | master-key | help}. Configuration comes only from environment
 * variables (docs/configuration.md); a bad value stops the server at once with a message naming it.
 */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);
    /** The ready line and the like: bare on standard output in text, JSON events in json (Logging.CONSOLE). */
    private static final Logger console = LoggerFactory.getLogger(Logging.CONSOLE);

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, System.getenv(), System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String command = args.length == 0 ? "serve" : args[0];
        try {
            return switch (command) {
                case "serve" -> serve(Config.fromEnvironment(env));
                case "migrate" -> migrate(Config.fromEnvironment(env), out);
                case "keys" -> keys(args, Config.fromEnvironment(env), out, err);
                case "tenant" -> TenantCommands.run(args, Config.fromEnvironment(env), out, err);
                case "master-key" -> {
                    out.println(MasterKey.generateBase64());
                    yield 0;
                }
                case "help", "--help", "-h" -> {
                    usage(out);
                    yield 0;
                }
                default -> {
                    err.println("gatehouse: unknown command '" + command + "'");
                    usage(err);
                    yield 2;
                }
            };
        } catch (ConfigException e) {
            report(err, "gatehouse: configuration error: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            report(err, "gatehouse: " + command + " failed: " + e.getMessage());
            log.debug("{} failed", command, e); // the message above is for people; the trace only at debug level
            return 1;
        }
    }

    /** A failure, on standard error; once {@code serve} logs JSON, as a JSON event like every other line. */
    private static void report(PrintStream err, String message) {
        if (Logging.active() == LogFormat.JSON) {
            log.error(message);
        } else {
            err.println(message);
        }
    }

    private static void usage(PrintStream out) {
        out.println("""
                usage: java -jar gatehouse.jar <command>
                  serve       run the server (default); configured by GATEHOUSE_* environment variables
                  migrate     bring the database schema up to date and exit
                  master-key  print a new random master key for GATEHOUSE_MASTER_KEY
                  tenant create --name NAME --owner-email EMAIL [--owner-password PASSWORD]
                              create a tenant; prints its id, public key, root token and the
                              owner's password (the root token is shown only this once)
                  tenant list
                  tenant rotate-root-token --tenant TENANT_ID
                  tenant settings --tenant TENANT_ID_OR_PUBLIC_KEY
                              print the tenant's settings as JSON (secrets shown only as set)
                  tenant set --tenant TENANT_ID_OR_PUBLIC_KEY (--json 'PATCH' | --file PATH)
                              change settings with a JSON merge patch, as PATCH /v1/admin/settings
                              (docs/tenant-settings.md); audited with the operator as actor.
                              The tenant commands work on the database directly: with PostgreSQL beside
                              a running server; with the embedded H2 database, stop the server first.
                  keys rotate [--tenant TENANT_ID]
                              give every tenant (or one) a new signing key now; old keys keep
                              verifying until their tokens expire. With the embedded H2 database,
                              stop the server first (H2 admits one process).
                  help        this text
                See docs/configuration.md for every variable.""");
    }

    private static int migrate(Config config, PrintStream out) {
        try (Database database = Wiring.openDatabase(config)) {
            database.migrate();
        }
        out.println("gatehouse: database is up to date");
        return 0;
    }

    private static int keys(String[] args, Config config, PrintStream out, PrintStream err) {
        if (args.length < 2 || !"rotate".equals(args[1]) || (args.length != 2 && args.length != 4)
                || (args.length == 4 && !"--tenant".equals(args[2]))) {
            err.println("usage: gatehouse keys rotate [--tenant TENANT_ID]");
            return 2;
        }
        java.util.Optional<dev.gatehouse.domain.tenant.TenantId> tenant = args.length == 4
                ? java.util.Optional.of(new dev.gatehouse.domain.tenant.TenantId(
                        dev.gatehouse.domain.Ids.parseUuid("--tenant", args[3])))
                : java.util.Optional.empty();
        try (Wiring wiring = Wiring.start(config)) {
            int rotated = wiring.features.signingKeys.signingKeys().rotateNow(tenant);
            out.println("gatehouse: rotated the signing keys of " + rotated + " tenant(s)");
        }
        return 0;
    }

    private static int serve(Config config) {
        long started = System.nanoTime();
        config.requireMailSetupForServing();
        Logging.use(config.observability().logFormat());
        Wiring wiring = Wiring.start(config);
        long phase = System.nanoTime();
        if (config.devMode()) {
            SeedDevTenantUseCase.Result seeded = wiring.features.tenants.seedDevTenant().seed();
            log.warn("DEV MODE: do not expose this server. Dev tenant public key '{}', root user {} / {}{}",
                    SeedDevTenantUseCase.DEV_PUBLIC_KEY, SeedDevTenantUseCase.DEV_ROOT_EMAIL,
                    SeedDevTenantUseCase.DEV_ROOT_PASSWORD, seeded.created() ? " (created now)" : "");
        } else {
            refuseDevTenantInProduction(wiring);
        }
        wiring.startupPhases.put(config.devMode() ? "dev seed" : "dev tenant check", (System.nanoTime() - phase) / 1_000_000);
        phase = System.nanoTime();
        Javalin app = HttpEndpoints.create(wiring.features, wiring.metrics, HttpConfig.defaults()
                .withDevMode(config.devMode())
                .withClock(wiring.clock::now)
                .withShutdownGrace(config.shutdownGrace())
                .withOperatorToken(config.operatorToken())
                .withTrustedProxies(config.trustedProxies())
                .withApiDocs(config.apiDocs()), config.importMaxBytes());
        wiring.startupPhases.put("http routes", (System.nanoTime() - phase) / 1_000_000);
        phase = System.nanoTime();
        BackgroundWork background = BackgroundWork.start(wiring);
        wiring.startupPhases.put("revocation feed", (System.nanoTime() - phase) / 1_000_000);
        CountDownLatch stopped = new CountDownLatch(1);
        // Metrics and health for operators on a port of their own, never the public one (docs/operations.md).
        Optional<Javalin> management = config.observability().management().map(address ->
                ManagementApi.create(wiring.features.readiness, wiring.metrics::scrape));
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> shutDown(config, app, management, background, wiring, stopped), "gatehouse-shutdown"));
        phase = System.nanoTime();
        app.start(config.host(), config.port());
        wiring.listening.set(java.net.URI.create("http://127.0.0.1:" + app.port()));
        wiring.startupPhases.put("http server", (System.nanoTime() - phase) / 1_000_000);
        management.ifPresent(server -> {
            Observability.Management address = config.observability().management().orElseThrow();
            server.start(address.host(), address.port());
            console.info("Gatehouse management on port {}", server.port());
        });
        long millis = (System.nanoTime() - started) / 1_000_000;
        // Harnesses wait for this line (bench, the server tests): in the JSON format it is the event's message.
        console.info("Gatehouse ready on port {} (mode {}, database {}, started in {} ms)", app.port(),
                config.mode().name().toLowerCase(java.util.Locale.ROOT), wiring.database.kind(), millis);
        if (config.devMode()) {
            console.info("Try: curl -H 'Content-Type: application/json' -H 'SB-PUBLIC-KEY: {}' "
                            + "-d '{\"email\":\"{}\",\"password\":\"{}\"}' http://localhost:{}/login",
                    SeedDevTenantUseCase.DEV_PUBLIC_KEY, SeedDevTenantUseCase.DEV_ROOT_EMAIL,
                    SeedDevTenantUseCase.DEV_ROOT_PASSWORD, app.port());
        }
        // After the ready line: reading the JVM's start time loads the management classes (a few ms).
        log.info("start-up: JVM until main {} ms, then {} (ms)", JvmClock.millisUntil(started), wiring.startupPhases);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /**
     * SIGTERM (docs/operations.md, "Health and shutdown"): the mail worker stops claiming and releases what it claimed
     * but did not hand over; the HTTP server stops accepting connections and lets in-flight requests finish for up to
     * the grace period (each answered request has committed before its answer), then the management server stops;
     * then the background jobs end, and the hashing pool, the SMTP client and the database pool close, in that order.
     */
    private static void shutDown(Config config, Javalin app, Optional<Javalin> management, BackgroundWork background,
                                 Wiring wiring, CountDownLatch stopped) {
        long started = System.nanoTime();
        log.info("shutting down: finishing in-flight requests (up to {})", config.shutdownGrace());
        try {
            background.stopMail();
            app.stop();
            management.ifPresent(Javalin::stop);
            long drained = (System.nanoTime() - started) / 1_000_000;
            Duration left = config.shutdownGrace().minusMillis(drained);
            boolean ended = background.stop(left);
            wiring.close();
            log.info("stopped: requests drained in {} ms, background work {}, database pool closed, in {} ms total",
                    drained, ended ? "ended" : "did not end in time", (System.nanoTime() - started) / 1_000_000);
        } finally {
            stopped.countDown();
        }
    }

    /**
     * A database that still holds the dev tenant (published credentials) must not be served in prod, whatever
     * became of its keys since: the check goes by the dev tenant's fixed id, not by a live key.
     */
    private static void refuseDevTenantInProduction(Wiring wiring) {
        if (wiring.features.tenants.seedDevTenant().present()) {
            wiring.close();
            throw new ConfigException("GATEHOUSE_MODE", "prod mode refuses a database that contains the dev tenant (id "
                    + SeedDevTenantUseCase.DEV_TENANT_ID + ", public key '" + SeedDevTenantUseCase.DEV_PUBLIC_KEY
                    + "', published credentials), even with its keys revoked; use a fresh database");
        }
    }
}
