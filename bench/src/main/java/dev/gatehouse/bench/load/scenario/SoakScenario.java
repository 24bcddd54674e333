package dev.gatehouse.bench.load.scenario;

import dev.gatehouse.bench.load.runner.ClosedLoop;
import dev.gatehouse.bench.load.runner.LoadScenario;
import dev.gatehouse.bench.load.runner.LoadSession;
import dev.gatehouse.bench.load.runner.ResourceSampler;
import dev.gatehouse.bench.load.runner.ServerDatabase;
import dev.gatehouse.bench.load.runner.Users;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@code soak}: the {@code mixed} load (90% GET /v1/me, 9% refresh, 1% sign-in, each worker keeping its own tokens)
 * for the whole warm-up and measured period in one go (no {@code bare} phase), while a {@link ResourceSampler}
 * reads the server every {@code --sample-seconds} (10): RSS, heap after the latest GC, threads, open file
 * descriptors and database connections. The result's {@code soak} field holds the series and their least-squares
 * slopes per minute over the measured period and over its second half (warm-up growth, JIT and caches filling, is
 * not a trend), and the errors split into the designed sheds (503 on a sign-in, the hashing pool's queue full: one
 * sign-in per hundred requests asks more bcrypt than one thread does) and every other error, which must be none.
 */
final class SoakScenario extends LoadScenario {
    /** The one error the mixed load is designed to meet: a sign-in shed by the hashing pool (503 + Retry-After). */
    static final String DESIGNED_SHED = "HTTP 503 on signin";

    SoakScenario() {
        super("soak");
    }

    @Override
    protected Users.Api users() {
        return Users.Api.NATIVE;
    }

    @Override
    protected void drive(LoadSession s) {
        ServerDatabase database = s.database();
        Path gcLog = s.harness().options().runDir().resolve("soak-" + database.kind()).resolve("gc.log");
        ResourceSampler.Postgres postgres = database instanceof ServerDatabase.Postgres pg
                ? new ResourceSampler.Postgres(pg.host(), pg.port(), pg.user(), pg.name()) : null;
        Duration every = Duration.ofSeconds(s.harness().options().sampleSeconds());
        ResourceSampler sampler = ResourceSampler.start(s.server().pid(), gcLog, postgres, every);
        ClosedLoop.Result phase;
        List<ResourceSampler.Sample> samples;
        try {
            phase = s.add(NativeClient.phase(s, MixedScenario.MIX));
        } finally {
            samples = sampler.stop();
        }
        double measuredFrom = s.warmup().toNanos() / 1e9;
        double secondHalfFrom = measuredFrom + s.measured().toNanos() / 2e9;

        Map<String, Long> designed = new TreeMap<>();
        Map<String, Long> unexpected = new TreeMap<>();
        phase.errors().forEach((kind, count) -> (kind.equals(DESIGNED_SHED) ? designed : unexpected).put(kind, count));
        Map<String, Object> soak = new LinkedHashMap<>();
        soak.put("sampleSeconds", every.toSeconds());
        soak.put("gcLog", sampler.gcLogging());
        soak.put("designedSheds", designed);
        soak.put("unexpectedErrors", unexpected.values().stream().mapToLong(Long::longValue).sum());
        soak.put("unexpectedErrorsByKind", unexpected);
        soak.put("warmupErrors", phase.totals().warmupErrors());
        soak.put("measured", ResourceSampler.trends(samples, measuredFrom));
        soak.put("secondHalf", ResourceSampler.trends(samples, secondHalfFrom));
        soak.put("collections", sampler.collections());
        soak.put("series", columns(samples));
        s.put("soak", soak);
        s.log("soak: %d samples, unexpected errors %s, designed sheds %s; second half slopes per minute: %s", samples.size(),
                unexpected, designed, slopes(ResourceSampler.trends(samples, secondHalfFrom)));

        s.reference().put("kind", "growth per minute");
        s.reference().put("description", "least-squares slopes per minute of the sampled series over the second half of"
                + " the measured period (soak.secondHalf); the ratio is the RSS slope in MiB per minute");
        s.reference().put("ratio", ((Map<?, ?>) ResourceSampler.trends(samples, secondHalfFrom).get("rssMib"))
                .get("slopePerMinute"));
    }

    /** The slope of each series of {@code trends}, by name. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> slopes(Map<String, Object> trends) {
        Map<String, Object> slopes = new LinkedHashMap<>();
        trends.forEach((name, value) -> {
            if (value instanceof Map<?, ?> series) {
                slopes.put(name, ((Map<String, Object>) series).get("slopePerMinute"));
            }
        });
        return slopes;
    }

    /** The samples as one array per series (one line each in the result file). */
    private static Map<String, Object> columns(List<ResourceSampler.Sample> samples) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("seconds", column(samples, ResourceSampler.Sample::seconds));
        columns.put("rssMib", column(samples, ResourceSampler.Sample::rssMib));
        columns.put("heapAfterGcMib", column(samples, ResourceSampler.Sample::heapAfterGcMib));
        columns.put("threads", column(samples, ResourceSampler.Sample::threads));
        columns.put("openFds", column(samples, ResourceSampler.Sample::openFds));
        columns.put("databaseConnections", column(samples, ResourceSampler.Sample::databaseConnections));
        return columns;
    }

    private static List<Object> column(List<ResourceSampler.Sample> samples, Function<ResourceSampler.Sample, ?> f) {
        List<Object> values = new ArrayList<>();
        samples.forEach(sample -> values.add(f.apply(sample)));
        return values;
    }
}
