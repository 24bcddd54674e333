package dev.gatehouse.bench.load;

import dev.gatehouse.bench.load.runner.Harness;
import dev.gatehouse.bench.load.runner.Json;
import dev.gatehouse.bench.load.runner.LoadOptions;
import dev.gatehouse.bench.load.runner.ProcStats;
import dev.gatehouse.bench.load.scenario.Scenarios;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP load harness: for each scenario and database, runs the scenario (one class each in
 * {@code dev.gatehouse.bench.load.scenario}, over the shared runner of {@code dev.gatehouse.bench.load.runner}:
 * server start and stop, HTTP client, closed loop, result writing), again when the machine was noisy and
 * --attempts allows, and writes {@code <out>/<scenario>-<db>.json}. Normally run by {@code bench/run.sh},
 * which builds what is missing first; see bench/README.md for the scenarios and every option.
 */
public final class LoadRunner {
    /**
     * A run during which other processes (builds, tests: the machine is shared) used more cores than
     * this, in any measured part, is noisy: with --attempts it is run again, the quietest attempt kept.
     */
    private static final double MAX_NOISE_CORES = 0.15;

    private final LoadOptions options;
    private final Harness harness;

    private LoadRunner(LoadOptions options) {
        this.options = options;
        this.harness = new Harness(options);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs what {@code args} say; the exit code: 0 when every scenario ran, 1 when one failed, 2 for bad options. */
    public static int run(String... args) {
        Optional<LoadOptions> options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("LoadRunner: " + e.getMessage());
            System.err.println(LoadOptions.USAGE);
            return 2;
        }
        if (options.isEmpty()) {
            System.out.println(LoadOptions.USAGE);
            return 0;
        }
        return new LoadRunner(options.get()).runAll() == 0 ? 0 : 1;
    }

    private int runAll() {
        int failures = 0;
        System.out.printf("LoadRunner: %s on %s, %d s measured after %d s warm-up, results in %s%n",
                String.join(",", options.scenarios()), String.join(",", options.databases()), options.load().seconds(),
                options.load().warmupSeconds(), options.out());
        for (String db : options.databases()) {
            for (String scenario : options.scenarios()) {
                long started = System.nanoTime();
                try {
                    Map<String, Object> result = runQuietest(scenario, db, started);
                    Path file = options.out().resolve(scenario + "-" + db
                            + (harness.dataset() != null ? "-" + harness.dataset().totalUsers() + "-users" : "") + ".json");
                    Files.createDirectories(options.out());
                    Files.writeString(file, Json.write(result), StandardCharsets.UTF_8);
                    System.out.printf("[%s/%s] wrote %s (%.0f s)%n", scenario, db, file, (System.nanoTime() - started) / 1e9);
                } catch (IOException | RuntimeException e) {
                    failures++;
                    System.out.printf("[%s/%s] FAILED: %s%n", scenario, db, e);
                    e.printStackTrace(System.out);
                }
            }
        }
        System.out.println(failures == 0 ? "LoadRunner: all scenarios ran" : "LoadRunner: " + failures + " scenario(s) failed");
        return failures;
    }

    /** Runs a scenario up to --attempts times while other processes were busy; the quietest result. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> runQuietest(String scenario, String db, long started) {
        Double busyBefore = null;
        if (options.quietWaitSeconds() > 0) {
            busyBefore = ProcStats.awaitQuiet(Duration.ofSeconds(options.quietWaitSeconds()), 0.25, harness.cpus());
            Harness.log(scenario, db, "machine busy %.2f cores before the start (waited %.0f s for < 0.25)",
                    busyBefore, (System.nanoTime() - started) / 1e9);
        }
        Map<String, Object> result = null;
        List<Object> noiseOfAttempts = new ArrayList<>();
        for (int attempt = 1; attempt <= options.attempts(); attempt++) {
            Map<String, Object> tried = Scenarios.named(scenario).run(harness, db);
            double noise = noiseOf(tried);
            noiseOfAttempts.add(Json.round(noise));
            if (result == null || noise < noiseOf(result)) {
                result = tried;
            }
            if (noise <= MAX_NOISE_CORES) {
                break;
            }
            Harness.log(scenario, db, "attempt %d of %d: other processes used %.2f cores (over %.2f)%s", attempt,
                    options.attempts(), noise, MAX_NOISE_CORES, attempt < options.attempts() ? ", again" : "");
        }
        result.put("attempts", noiseOfAttempts.size());
        result.put("noiseCoresOfAttempts", noiseOfAttempts);
        if (busyBefore != null) {
            ((Map<String, Object>) result.get("machine")).put("busyCoresBeforeStart", Json.round(busyBefore));
        }
        return result;
    }

    /** Cores used by other processes during the measured parts of a result (0 when unknown). */
    private static double noiseOf(Map<String, Object> result) {
        return result.get("noiseCores") instanceof Number n ? n.doubleValue() : 0;
    }
}
