package dev.gatehouse.bench.load.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The parts of a result file (see bench/README.md, "Result file"), written by {@link Json#write}. */
public final class Results {
    private Results() {
    }

    /** What every result starts with: the scenario, the commit, the command, the machine, the JVM and the server. */
    static Map<String, Object> header(LoadOptions options, int cpus, String scenario, String db) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("scenario", scenario);
        h.put("database", db);
        h.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        String serverCommit = System.getProperty("bench.serverCommit", "");
        if (serverCommit.isEmpty()) {
            // The jar was built from the work tree: its commit, and whether tracked files differed from it.
            h.put("gitCommit", git("rev-parse", "HEAD"));
            // bench/results is left out: a run rewrites those tracked files itself.
            String status = git("status", "--porcelain", "--untracked-files=no", "--", ".", ":(exclude)bench/results");
            h.put("gitDirty", status == null ? null : !status.isBlank());
        } else {
            // bench/run.sh --at: the jar was built from a clean export of this commit.
            h.put("gitCommit", serverCommit);
            h.put("gitDirty", false);
            h.put("harnessCommit", git("rev-parse", "HEAD"));
        }
        h.put("command", options.commandLine());
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpus", cpus);
        machine.put("memTotalMib", ProcStats.memTotalMib());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        machine.put("loadAverage1mAtStart", Json.round(ProcStats.loadAverage()));
        h.put("machine", machine);
        LoadOptions.Server server = options.server();
        Map<String, Object> jvm = new LinkedHashMap<>();
        jvm.put("version", System.getProperty("java.vm.version"));
        jvm.put("vendor", System.getProperty("java.vm.vendor"));
        jvm.put("name", System.getProperty("java.vm.name"));
        jvm.put("serverOptions", ServerProcess.jvmOptions(server.jvmOptions(), server.jar()));
        jvm.put("serverJar", server.jar().toString());
        h.put("jvm", jvm);
        h.put("bcryptCost", server.bcryptCost());
        h.put("serverMode", server.prodMode() ? "prod" : "dev (bcrypt cost under 10)");
        h.put("hashThreads", server.hashThreads() > 0 ? server.hashThreads()
                : "server default (" + Math.max(1, cpus - 1) + ")");
        h.put("serverLog", server.discardLog() ? "discarded" : "to a file (dev mode logs one line per request)");
        h.put("loadGenerator", "dev.gatehouse.bench.load.LoadRunner: closed loop, one keep-alive HTTP/1.1 socket per"
                + " worker (platform threads), on the same machine as the server");
        return h;
    }

    /** The headline figures of a phase. */
    static Map<String, Object> figures(ClosedLoop.Result r) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("route", routeOf(r.name()));
        f.put("okPerSecond", Json.round(r.okPerSecondMean()));
        f.put("p50Millis", Json.round(r.percentileMillis(50)));
        f.put("p99Millis", Json.round(r.percentileMillis(99)));
        f.put("p999Millis", Json.round(r.percentileMillis(99.9)));
        f.put("errors", r.errorCount());
        return f;
    }

    private static String routeOf(String phase) {
        return switch (phase) {
            case "bare" -> "GET /health/live";
            case "me" -> "GET /me";
            case "login" -> "POST /login";
            case "register" -> "POST /register";
            case "refresh" -> "POST /v1/auth/refresh";
            case "mfa-verify", "mfa-verify-warmup" -> "POST /v1/auth/mfa/verify";
            case "mixed", "soak" -> "90% GET /v1/me, 9% POST /v1/auth/refresh, 1% POST /v1/auth/signin";
            case "login-flood" -> "POST /login at " + LoadOptions.FLOOD_FACTOR + " x the hash capacity";
            case "me-during-flood" -> "GET /me during the login flood";
            default -> phase.startsWith("me-") ? "GET /v1/me" // the phases of nodes: me-1-node, refresh-2-nodes, ...
                    : phase.startsWith("refresh-") ? "POST /v1/auth/refresh" : phase;
        };
    }

    /** Every detail of a phase. */
    static Map<String, Object> phase(ClosedLoop.Result r) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", r.name());
        p.put("route", routeOf(r.name()));
        p.put("concurrency", r.concurrency());
        p.put("warmupSeconds", r.setup().warmup().toSeconds());
        p.put("measuredSeconds", seconds(r.measured()));
        p.put("completed", r.completed());
        p.put("ok", r.ok());
        p.put("okPerSecond", Json.round(r.okPerSecondMean()));
        p.put("completedPerSecond", Json.round(r.completed() / (r.measured().toNanos() / 1e9)));
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("p50", Json.round(r.percentileMillis(50)));
        latency.put("p90", Json.round(r.percentileMillis(90)));
        latency.put("p99", Json.round(r.percentileMillis(99)));
        latency.put("p999", Json.round(r.percentileMillis(99.9)));
        latency.put("max", Json.round(r.latencyMicros().getTotalCount() == 0 ? Double.NaN : r.latencyMicros().getMaxValue() / 1000.0));
        latency.put("mean", Json.round(r.latencyMicros().getTotalCount() == 0 ? Double.NaN : r.latencyMicros().getMean() / 1000.0));
        p.put("latencyMillis", latency);
        p.put("errorCount", r.errorCount());
        p.put("errors", r.errors());
        p.put("warmupCompleted", r.totals().warmupCompleted());
        p.put("warmupErrors", r.totals().warmupErrors());
        p.put("reconnects", r.totals().reconnects());
        p.put("okPerSecondSeries", r.okPerSecond());
        if (r.setup().pacedPerSecond() > 0) {
            p.put("offeredPerSecond", Json.round(r.setup().pacedPerSecond()));
            p.put("maxSendLatenessMillis", Json.round(r.totals().maxLatenessMicros() / 1000.0));
        }
        if (r.byKind().size() > 1 || !r.byKind().containsKey(r.name())) {
            Map<String, Object> kinds = new LinkedHashMap<>();
            r.byKind().forEach((kind, k) -> kinds.put(kind, kind(k, r)));
            p.put("byKind", kinds);
        }
        // Each worker is one connection: a wide spread means some connections were served far less.
        Map<String, Object> perWorker = new LinkedHashMap<>();
        perWorker.put("min", Arrays.stream(r.completedPerWorker()).min().orElse(0));
        perWorker.put("max", Arrays.stream(r.completedPerWorker()).max().orElse(0));
        p.put("completedPerWorker", perWorker);
        if (r.cores() != null) {
            Map<String, Object> cores = new LinkedHashMap<>();
            cores.put("server", Json.round(r.cores().server()));
            cores.put("serverInKernel", Json.round(r.cores().serverSystem()));
            cores.put("postgres", Json.round(r.cores().postgres()));
            cores.put("loadGenerator", Json.round(r.cores().loadGenerator()));
            cores.put("interrupts", Json.round(r.cores().interrupts()));
            cores.put("other", Json.round(r.cores().other()));
            cores.put("machineBusy", Json.round(r.cores().machineBusy()));
            p.put("coresUsed", cores);
        }
        return p;
    }

    private static Map<String, Object> kind(ClosedLoop.KindResult k, ClosedLoop.Result r) {
        Map<String, Object> kj = new LinkedHashMap<>();
        kj.put("completed", k.completed());
        kj.put("ok", k.ok());
        kj.put("okPerSecond", Json.round(k.ok() / (r.measured().toNanos() / 1e9)));
        kj.put("p50Millis", Json.round(k.percentileMillis(50)));
        kj.put("p99Millis", Json.round(k.percentileMillis(99)));
        kj.put("p999Millis", Json.round(k.percentileMillis(99.9)));
        kj.put("maxMillis", Json.round(k.latencyMicros().getTotalCount() == 0 ? Double.NaN
                : k.latencyMicros().getMaxValue() / 1000.0));
        kj.put("errors", k.errors());
        return kj;
    }

    /** One line of a phase for the console. */
    public static String describe(ClosedLoop.Result r) {
        String cores = r.cores() == null ? "" : String.format(Locale.ROOT, "; cores: server %.2f (kernel %.2f), postgres %.2f, load generator %.2f, interrupts %.2f,"
                + " other %.2f", r.cores().server(), r.cores().serverSystem(), r.cores().postgres(),
                r.cores().loadGenerator(), r.cores().interrupts(), r.cores().other());
        return String.format(Locale.ROOT, "%s %s: %.1f ok/s at C=%d over %s s, p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms,"
                        + " %d errors %s%s", r.name(), routeOf(r.name()), r.okPerSecondMean(), r.concurrency(),
                seconds(r.measured()), r.percentileMillis(50), r.percentileMillis(99), r.percentileMillis(99.9),
                r.errorCount(), r.errors(), cores);
    }

    /** Whole seconds as such; a phase that ended when its work ran out lasted a fraction (rounded to the ms). */
    private static Object seconds(Duration d) {
        return d.toNanos() % 1_000_000_000L == 0 ? d.toSeconds() : Json.round(d.toNanos() / 1e9);
    }

    /** KiB as MiB for a result, or null when unknown (negative). */
    public static Object mib(long kib) {
        return kib < 0 ? null : Json.round(kib / 1024.0);
    }

    public static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static String git(String... args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return null;
            }
            return new String(out, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
