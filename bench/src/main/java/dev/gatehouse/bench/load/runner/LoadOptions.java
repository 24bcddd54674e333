package dev.gatehouse.bench.load.runner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The command line of the load harness (see {@link #USAGE}), parsed once: which scenarios on which
 * databases, how long and how hard to drive them ({@link Load}), the server to start ({@link Server}), and
 * where results and run directories go.
 */
public record LoadOptions(List<String> scenarios, List<String> databases, Load load, Server server, Path out,
                          Path runDir, Path dataset, int attempts, int quietWaitSeconds, String commandLine,
                          int sampleSeconds) {

    /** Every scenario {@code all} runs, in that order. */
    public static final List<String> SCENARIOS = List.of("bare", "me", "login", "register", "refresh", "mixed",
            "login-flood", "startup", "mfa-verify", "import");

    /** Scenarios run only when named: long ({@code soak}) or PostgreSQL only ({@code nodes}). */
    public static final List<String> NAMED_ONLY = List.of("soak", "nodes");

    /** login-flood offers this many times the hash capacity in logins a second (unless --flood-rate). */
    public static final int FLOOD_FACTOR = 5;

    public static final String USAGE = """
            usage: LoadRunner <scenario>[,<scenario>...]|all [options]   (normally through bench/run.sh)
              scenarios: bare, me (bare then /me on one server), login, register, refresh (bare then
                         refresh chains), mixed (bare then 90% /v1/me, 9% refresh, 1% sign-in), login-flood
                         (/me alone, then /me while logins are offered at 5 x the hash capacity), startup,
                         mfa-verify (refresh, then POST /v1/auth/mfa/verify spending mfaTokens made beforehand),
                         import (POST /v1/admin/users/import of --lines generated NDJSON lines, streamed);
                         only when named (not in all): soak (mixed for the whole period, the server's RSS, heap
                         after GC, threads, open fds and database connections sampled: slopes per minute), nodes
                         (/v1/me and refresh on 1, 2 and 3 server processes on one database; --db postgres)
              --db h2|postgres|both   database of the server (default h2)
              --seconds N             measured period per load phase (default 15)
              --warmup N              warm-up period before it (default: as long as --seconds, at most 20)
              --concurrency C         requests in flight (default 16 for bare and me, 8 for login and register)
              --users N               users registered beforehand for me and login (default 100); for
                                      mfa-verify also its users with TOTP on, 11 mfaTokens each
              --starts N              starts per database state for startup (default 5)
              --lines N               lines of the import scenario's file (default 100,000)
              --bcrypt-cost N         GATEHOUSE_BCRYPT_COST of the server (default 10, the production minimum)
              --hash-threads N        GATEHOUSE_HASH_THREADS of the server (default: the server's, cores - 1)
              --flood-rate N          logins/s offered by login-flood (default 5 x the hash capacity)
              --out DIR               where <scenario>-<db>.json go (default bench/results, or
                                      bench/target/results when --seconds is under 10: a self-check)
              --jar PATH              server jar (default bootstrap/target/gatehouse.jar)
              --jvm-options PATH      server JVM options file (default bootstrap/jvm.options)
              --run-dir DIR           server logs and H2 data (default bench/target/load-runs)
              --attempts N            run a scenario up to N times while other processes use more than
                                      0.15 cores during its measurement; keep the quietest (default 1)
              --quiet-wait N          before each scenario, wait up to N s for the machine to be idle
                                      (under 0.25 cores busy for 3 s; default 0: do not wait)
              --dataset FILE          me and login on the generated population of bench/users.sh generate
                                      (its dataset file, bench/target/users-dataset.json) instead of a fresh
                                      database: its tenant, --users of its users signed in; the database
                                      is kept; results are <scenario>-postgres-<total>-users.json
              --sample-seconds N      soak: seconds between two samples of the server (default 10)
              --server-log file|discard  the server's log (one line per request in dev mode) goes to
                                      <run-dir>/<scenario>-<db>/server.log (default) or nowhere
            PostgreSQL: psql on 127.0.0.1:5432 as postgres (-Dbench.pg.host, -Dbench.pg.port, -Dbench.pg.user).""";

    /**
     * How each scenario is driven: measured and warm-up periods (s), requests in flight (-1: the scenario's
     * default), users prepared, starts of startup, and the logins/s of login-flood (0: 5 x the hash capacity).
     */
    public record Load(int seconds, int warmupSeconds, int concurrency, int users, int starts, int floodRate,
                       int lines) {
    }

    /** The server to start: its jar and JVM options, bcrypt cost, hash threads (0: its default), its log. */
    public record Server(Path jar, Path jvmOptions, int bcryptCost, int hashThreads, boolean discardLog) {
        /** Prod mode refuses bcrypt costs under 10: self-checks at a lower cost run in dev mode. */
        public boolean prodMode() {
            return bcryptCost >= 10;
        }
    }

    /** The options of {@code args}; empty when they ask for help. Bad options throw IllegalArgumentException. */
    public static Optional<LoadOptions> parse(String[] args) {
        List<String> scenarios = new ArrayList<>();
        List<String> databases = List.of("h2");
        int[] load = {15, -1, -1, 100, 5, 0, 100_000}; // seconds, warm-up, concurrency, users, starts, flood rate, lines
        int bcryptCost = 10;
        int hashThreads = 0;
        Path out = null;
        Path jar = Path.of("bootstrap/target/gatehouse.jar");
        Path jvmOptions = Path.of("bootstrap/jvm.options");
        Path runDir = Path.of("bench/target/load-runs");
        boolean discardLog = false;
        int quietWaitSeconds = 0;
        int attempts = 1;
        Path dataset = null;
        int sampleSeconds = 10;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                return Optional.empty();
            }
            if (!arg.startsWith("--")) {
                addScenarios(scenarios, arg);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(arg + " needs a value");
            }
            String value = args[++i];
            switch (arg) {
                case "--db" -> databases = switch (value) {
                    case "h2" -> List.of("h2");
                    case "postgres", "postgresql", "pg" -> List.of("postgres");
                    case "both" -> List.of("h2", "postgres");
                    default -> throw new IllegalArgumentException("--db must be h2, postgres or both");
                };
                case "--seconds" -> load[0] = positive(arg, value, 3600);
                case "--warmup" -> load[1] = nonNegative(arg, value, 3600);
                case "--concurrency" -> load[2] = positive(arg, value, 4096);
                case "--users" -> load[3] = positive(arg, value, 100_000);
                case "--starts" -> load[4] = positive(arg, value, 100);
                case "--flood-rate" -> load[5] = positive(arg, value, 100_000);
                case "--lines" -> load[6] = positive(arg, value, 1_000_000);
                case "--bcrypt-cost" -> bcryptCost = positive(arg, value, 31);
                case "--hash-threads" -> hashThreads = positive(arg, value, 256);
                case "--out" -> out = Path.of(value);
                case "--jar" -> jar = Path.of(value);
                case "--jvm-options" -> jvmOptions = Path.of(value);
                case "--run-dir" -> runDir = Path.of(value);
                case "--quiet-wait" -> quietWaitSeconds = nonNegative(arg, value, 3600);
                case "--attempts" -> attempts = positive(arg, value, 10);
                case "--dataset" -> dataset = Path.of(value);
                case "--sample-seconds" -> sampleSeconds = positive(arg, value, 3600);
                case "--server-log" -> discardLog = switch (value) {
                    case "file" -> false;
                    case "discard" -> true;
                    default -> throw new IllegalArgumentException("--server-log must be file or discard");
                };
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (scenarios.isEmpty()) {
            throw new IllegalArgumentException("name a scenario");
        }
        List<String> distinct = scenarios.stream().distinct().toList();
        if (dataset != null && (!databases.equals(List.of("postgres")) || !Set.of("me", "login").containsAll(distinct))) {
            throw new IllegalArgumentException("--dataset runs me and login on --db postgres only");
        }
        if (load[1] < 0) {
            // On 2 cores the JIT needs long: /me on H2 still speeds up 15 s into a run.
            load[1] = Math.max(1, Math.min(20, load[0]));
        }
        if (out == null) {
            out = Path.of(load[0] >= 10 ? "bench/results" : "bench/target/results");
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("no server jar at " + jar + " (./mvnw -B -ntp -pl bootstrap package -DskipTests)");
        }
        if (!Files.isRegularFile(jvmOptions)) {
            throw new IllegalArgumentException("no JVM options file at " + jvmOptions);
        }
        String commandLine = System.getProperty("bench.command", "LoadRunner " + String.join(" ", args));
        return Optional.of(new LoadOptions(distinct, databases, new Load(load[0], load[1], load[2], load[3], load[4], load[5],
                load[6]),
                new Server(jar, jvmOptions, bcryptCost, hashThreads, discardLog), out, runDir, dataset, attempts,
                quietWaitSeconds, commandLine, sampleSeconds));
    }

    private static void addScenarios(List<String> scenarios, String arg) {
        for (String s : arg.split(",")) {
            if (s.equals("all")) {
                scenarios.addAll(SCENARIOS);
            } else if (SCENARIOS.contains(s) || NAMED_ONLY.contains(s)) {
                scenarios.add(s);
            } else {
                throw new IllegalArgumentException("unknown scenario '" + s + "'");
            }
        }
    }

    private static int positive(String name, String value, int max) {
        int n = nonNegative(name, value, max);
        if (n == 0) {
            throw new IllegalArgumentException(name + " must be at least 1");
        }
        return n;
    }

    private static int nonNegative(String name, String value, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n < 0 || n > max) {
                throw new IllegalArgumentException(name + " must be between 0 and " + max + ", got " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got " + value);
        }
    }
}
