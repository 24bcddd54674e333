package dev.gatehouse.bench.load.scenario;

import dev.gatehouse.bench.load.runner.Harness;
import dev.gatehouse.bench.load.runner.Json;
import dev.gatehouse.bench.load.runner.ProcStats;
import dev.gatehouse.bench.load.runner.Results;
import dev.gatehouse.bench.load.runner.Scenario;
import dev.gatehouse.bench.load.runner.ServerDatabase;
import dev.gatehouse.bench.load.runner.ServerProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * {@code startup}: start-to-ready time and RSS right after start: {@code --starts} starts each on a fresh
 * database (migrations and dev seed included), then as many restarts on one already migrated database.
 */
final class StartupScenario implements Scenario {
    @Override
    public String name() {
        return "startup";
    }

    @Override
    public Map<String, Object> run(Harness harness, String db) {
        Path runDir = harness.runDir("startup", db);
        Map<String, Object> result = harness.header("startup", db);
        String runId = harness.runId();
        int starts = harness.options().load().starts();
        // One start and stop first, not counted: it writes the class-data archive of jvm.options when the
        // jar has none yet (the JVM writes it at exit), so that every counted start runs as deployed.
        try (ServerDatabase database = ServerDatabase.create(db, runDir, "startup_archive_" + runId)) {
            oneStart(harness, runDir, database);
        }
        List<Map<String, Object>> fresh = new ArrayList<>();
        for (int i = 0; i < starts; i++) {
            try (ServerDatabase database = ServerDatabase.create(db, runDir, "startup_fresh_" + runId + "_" + i)) {
                fresh.add(oneStart(harness, runDir, database));
            }
        }
        List<Map<String, Object>> existing = new ArrayList<>();
        try (ServerDatabase database = ServerDatabase.create(db, runDir, "startup_existing_" + runId)) {
            oneStart(harness, runDir, database); // migrates and seeds; not counted
            for (int i = 0; i < starts; i++) {
                existing.add(oneStart(harness, runDir, database));
            }
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("freshDatabase", summary(fresh));
        figures.put("existingDatabase", summary(existing));
        result.put("starts", starts);
        // The figures are medians, which one disturbed start does not move: so is the noise.
        result.put("noiseCores", Json.round(Results.median(Stream.concat(fresh.stream(), existing.stream())
                .map(r -> (Number) r.get("otherCores")).filter(Objects::nonNull)
                .mapToDouble(Number::doubleValue).toArray())));
        result.put("figures", figures);
        Map<String, Object> runs = new LinkedHashMap<>();
        runs.put("freshDatabase", fresh);
        runs.put("existingDatabase", existing);
        result.put("runs", runs);
        Harness.log("startup", db, "start-to-ready median %s ms on a fresh database, %s ms on an existing one;"
                        + " RSS after start %s MiB", summary(fresh).get("medianStartToReadyMillis"),
                summary(existing).get("medianStartToReadyMillis"), summary(existing).get("medianRssMibAfterStart"));
        return result;
    }

    private static Map<String, Object> oneStart(Harness harness, Path runDir, ServerDatabase database) {
        String pgName = database instanceof ServerDatabase.Postgres pg ? pg.name() : null;
        ProcStats.CpuSample before = new ProcStats.Probe(-1, pgName).take();
        try (ServerProcess server = ServerProcess.start(harness.launch(runDir), database)) {
            ProcStats.CoresUsed during = new ProcStats.Probe(server.pid(), pgName).take().since(before, harness.cpus());
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("startToReadyMillis", Json.round(server.readyMillis()));
            run.put("otherCores", during == null ? null : Json.round(during.other()));
            run.put("reportedStartMillis", server.reportedStartMillis());
            run.put("rssMibAfterStart", Results.mib(server.rssKib()));
            run.put("exitCode", server.stop());
            return run;
        }
    }

    private static Map<String, Object> summary(List<Map<String, Object>> runs) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("medianStartToReadyMillis", Json.round(median(runs, "startToReadyMillis")));
        summary.put("medianReportedStartMillis", Json.round(median(runs, "reportedStartMillis")));
        summary.put("medianRssMibAfterStart", Json.round(median(runs, "rssMibAfterStart")));
        return summary;
    }

    private static double median(List<Map<String, Object>> runs, String key) {
        return Results.median(runs.stream().mapToDouble(r -> ((Number) r.get(key)).doubleValue()).toArray());
    }
}
