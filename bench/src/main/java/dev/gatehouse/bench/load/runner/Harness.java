package dev.gatehouse.bench.load.runner;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What every scenario of one harness run shares: the options, the run's id, the server's master key and
 * operator token (random, the same for every start, written nowhere), the --dataset population, and the
 * skeleton of a load scenario ({@link #runLoad}).
 */
public final class Harness {
    private final LoadOptions options;
    private final Dataset dataset;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final int cpus = Runtime.getRuntime().availableProcessors();
    private final String masterKey = randomBase64(32);
    private final String operatorToken = "bench-operator-" + randomBase64(30);

    public Harness(LoadOptions options) {
        this.options = options;
        this.dataset = options.dataset() == null ? null : Dataset.read(options.dataset());
    }

    public LoadOptions options() {
        return options;
    }

    /** The generated population of --dataset, or null: a fresh database per scenario. */
    public Dataset dataset() {
        return dataset;
    }

    /** Unique to this harness run: in database names, e-mails and the tenant's name. */
    public String runId() {
        return runId;
    }

    public int cpus() {
        return cpus;
    }

    /** The server's password-hashing threads: --hash-threads, else its default (cores - 1, at least 1). */
    public int hashThreads() {
        return options.server().hashThreads() > 0 ? options.server().hashThreads() : Math.max(1, cpus - 1);
    }

    /**
     * Starts the server on a fresh database (or the --dataset one), sets up the tenant and the users, lets
     * {@code scenario} drive it, stops it, and returns the result.
     */
    Map<String, Object> runLoad(LoadScenario scenario, String db) {
        String name = scenario.name();
        Path runDir = runDir(name, db);
        Map<String, Object> result = header(name, db);
        LoadOptions.Load load = options.load();
        int concurrency = load.concurrency() > 0 ? load.concurrency() : scenario.defaultConcurrency();
        result.put("concurrency", concurrency);
        result.put("warmupSeconds", load.warmupSeconds());
        result.put("measuredSeconds", load.seconds());
        try (MailSink mail = scenario.receivesMail() ? new MailSink() : null;
             ServerDatabase database = dataset != null ? ServerDatabase.existing(dataset)
                : ServerDatabase.create(db, runDir, name + "_" + runId);
             ServerProcess server = ServerProcess.start(launch(runDir, mail), database)) {
            String postgresDatabase = database instanceof ServerDatabase.Postgres pg ? pg.name()
                    : database instanceof ServerDatabase.Existing existing ? existing.name() : null;
            Map<String, Object> serverInfo = new LinkedHashMap<>();
            serverInfo.put("pid", server.pid());
            serverInfo.put("startToReadyMillis", Json.round(server.readyMillis()));
            serverInfo.put("reportedStartMillis", server.reportedStartMillis());
            serverInfo.put("rssMibAfterStart", Results.mib(server.rssKib()));
            log(name, db, "server pid %d ready on port %s in %.0f ms, RSS %s MiB", server.pid(),
                    server.hostHeader(), server.readyMillis(), Results.mib(server.rssKib()));
            BenchTenant tenant = dataset != null ? BenchTenant.of(dataset, server)
                    : BenchTenant.create(server, operatorToken, runId);
            result.put("tenant", tenant.describe());
            if (dataset != null) {
                result.put("dataset", dataset.describe());
            }
            log(name, db, "benchmark tenant %s, rate limits: %s", tenant.publicKey(), tenant.rateLimits());

            List<Users.User> users = List.of();
            if (scenario.users() != Users.Api.NONE) {
                long t = System.nanoTime();
                int count = Math.max(load.users(), concurrency);
                users = dataset != null ? Users.signIn(dataset, server, tenant, count)
                        : Users.register(server, tenant, runId, count, scenario.users());
                log(name, db, "%s %d users in %.1f s", dataset != null ? "signed in" : "registered", users.size(),
                        (System.nanoTime() - t) / 1e9);
                serverInfo.put("rssMibAfterDataPreparation", Results.mib(server.rssKib()));
            }
            result.put("preparedUsers", users.size());

            LoadSession session = new LoadSession(this, name, db, server, database,
                    new ProcStats.Probe(server.pid(), postgresDatabase), tenant, users, mail,
                    new ClosedLoop.Setup(concurrency, Duration.ofSeconds(load.warmupSeconds()),
                            Duration.ofSeconds(load.seconds()), 0), result);
            scenario.drive(session);
            result.put("noiseCores", Json.round(session.noise()));
            ClosedLoop.Result main = session.phases().getLast();
            log(name, db, "%s", Results.describe(main));
            serverInfo.put("rssMibAfterLoad", Results.mib(server.rssKib()));
            serverInfo.put("exitCode", server.stop());
            result.put("server", serverInfo);
            result.put("figures", Results.figures(main));
            result.put("reference", session.reference());
            List<Object> phases = new ArrayList<>();
            session.phases().forEach(p -> phases.add(Results.phase(p)));
            result.put("phases", phases);
            log(name, db, "reference: %s = %s", session.reference().get("kind"), session.reference().get("ratio"));
            return result;
        }
    }

    /** The benchmark tenant on {@code server}, made through the operator API (its rate limits raised). */
    public BenchTenant createTenant(ServerProcess server) {
        return BenchTenant.create(server, operatorToken, runId);
    }

    /** What every result starts with (see {@link Results#header}). */
    public Map<String, Object> header(String scenario, String db) {
        return Results.header(options, cpus, scenario, db);
    }

    /** How the server is started: prod mode, as deployed, with this run's master key and operator token. */
    public ServerProcess.Launch launch(Path runDir) {
        return launch(runDir, null);
    }

    /** As {@link #launch(Path)}, the server's mail going to {@code mail} when it is not null (else none is sent). */
    ServerProcess.Launch launch(Path runDir, MailSink mail) {
        LoadOptions.Server server = options.server();
        Map<String, String> environment = new LinkedHashMap<>();
        // Prod mode, as deployed: no dev tenant, no request log line; the benchmark tenant comes from the
        // operator API. (The master key and operator token are random per run and written nowhere.)
        // Prod mode refuses bcrypt costs under 10: self-checks at a lower cost run in dev mode.
        environment.put("GATEHOUSE_MODE", server.prodMode() ? "prod" : "dev");
        environment.put("GATEHOUSE_MASTER_KEY", masterKey);
        environment.put("GATEHOUSE_OPERATOR_TOKEN", operatorToken);
        if (mail == null) {
            environment.put("GATEHOUSE_MAIL_DISABLED", "true"); // prod mode needs SMTP or this
        } else {
            environment.put("GATEHOUSE_SMTP_URL", mail.smtpUrl());
            environment.put("GATEHOUSE_MAIL_FROM", "bench@bench.example.com");
        }
        if (server.hashThreads() > 0) {
            environment.put("GATEHOUSE_HASH_THREADS", Integer.toString(server.hashThreads()));
        }
        return new ServerProcess.Launch(server.jar(), server.jvmOptions(), server.bcryptCost(), runDir,
                Duration.ofSeconds(120), server.discardLog(), environment);
    }

    /** The scenario's run directory (server log, H2 data), emptied. */
    public Path runDir(String scenario, String db) {
        Path dir = options.runDir().resolve(scenario + "-" + db);
        ServerProcess.deleteRecursively(dir);
        return dir;
    }

    public static void log(String scenario, String db, String format, Object... args) {
        System.out.printf(Locale.ROOT, "[%s/%s] %s%n", scenario, db, String.format(Locale.ROOT, format, args));
    }

    private static String randomBase64(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getEncoder().encodeToString(random);
    }
}
