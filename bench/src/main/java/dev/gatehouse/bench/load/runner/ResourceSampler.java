package dev.gatehouse.bench.load.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Samples a running server every interval, from outside and without adding anything to it: resident memory
 * ({@code VmRSS} of {@code /proc/<pid>/status}), the heap after the latest garbage collection (from a GC log that
 * {@code jcmd <pid> VM.log} switches on at the start: no extra collection, no JMX port), threads ({@code Threads}
 * of the same file), open file descriptors (entries of {@code /proc/<pid>/fd}) and, on PostgreSQL, the connections
 * to the run's database ({@code pg_stat_activity}, read over a connection to the {@code postgres} database, so not
 * counted). A reading that fails is left out of its series (null), never an error.
 */
public final class ResourceSampler implements AutoCloseable {
    private static final Pattern GC_LINE = Pattern.compile(
            "GC\\(\\d+\\) Pause (Young|Full)\\b.* (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    /** One reading, {@code seconds} after the sampler started; null where a reading failed or does not apply. */
    public record Sample(double seconds, Double rssMib, Double heapAfterGcMib, Integer threads, Integer openFds,
                         Integer databaseConnections) {
    }

    /** The run's PostgreSQL database, for the connection count. */
    public record Postgres(String host, int port, String user, String database) {
    }

    private final long pid;
    private final Path gcLog;
    private final Postgres postgres;
    private final Duration interval;
    private final List<Sample> samples = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final long startedNanos = System.nanoTime();
    private final String gcLogging;
    private Thread thread;

    private ResourceSampler(long pid, Path gcLog, Postgres postgres, Duration interval, String gcLogging) {
        this.pid = pid;
        this.gcLog = gcLog;
        this.postgres = postgres;
        this.interval = interval;
        this.gcLogging = gcLogging;
    }

    /** Switches on the server's GC log ({@code gcLog}, replaced) and starts sampling at once, then every interval. */
    public static ResourceSampler start(long pid, Path gcLog, Postgres postgres, Duration interval) {
        String gcLogging = switchOnGcLog(pid, gcLog);
        ResourceSampler sampler = new ResourceSampler(pid, gcLog, postgres, interval, gcLogging);
        sampler.thread = Thread.ofPlatform().daemon().name("resource-sampler-" + pid).start(sampler::loop);
        return sampler;
    }

    /** How the GC log was switched on: "jcmd VM.log" or why not (then no heap series). */
    public String gcLogging() {
        return gcLogging;
    }

    private static String switchOnGcLog(long pid, Path gcLog) {
        try {
            Files.createDirectories(gcLog.toAbsolutePath().getParent());
            Files.deleteIfExists(gcLog);
            String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            Process p = new ProcessBuilder(jcmd, Long.toString(pid), "VM.log",
                    "output=" + gcLog.toAbsolutePath(), "what=gc", "decorators=uptime")
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return "failed: jcmd VM.log: " + out;
            }
            return "jcmd " + pid + " VM.log output=" + gcLog.toAbsolutePath() + " what=gc decorators=uptime";
        } catch (IOException e) {
            return "failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private void loop() {
        try (Connection connection = connect()) {
            do {
                Sample sample = take(connection);
                synchronized (samples) {
                    samples.add(sample);
                }
            } while (!stopped.await(interval.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the sampler's database connection", e);
        }
    }

    private Connection connect() {
        if (postgres == null) {
            return null;
        }
        try {
            return DriverManager.getConnection("jdbc:postgresql://" + postgres.host() + ":" + postgres.port()
                    + "/postgres", postgres.user(), null);
        } catch (SQLException e) {
            return null; // no connection series, the others go on
        }
    }

    private Sample take(Connection connection) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        long rss = ProcStats.rssKib(pid);
        return new Sample(Math.round(seconds * 1000) / 1000.0, rss < 0 ? null : rss / 1024.0, heapAfterLatestGc(),
                statusField("Threads:"), openFds(), connections(connection));
    }

    private Integer statusField(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Integer.parseInt(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    private Integer openFds() {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return (int) fds.count();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private Integer connections(Connection connection) {
        if (connection == null) {
            return null;
        }
        try (PreparedStatement count = connection.prepareStatement(
                "select count(*) from pg_stat_activity where datname = ?")) {
            count.setString(1, postgres.database());
            try (ResultSet rows = count.executeQuery()) {
                return rows.next() ? rows.getInt(1) : null;
            }
        } catch (SQLException e) {
            return null;
        }
    }

    /** The heap in use after the latest collection the GC log records (MiB), or null before the first one. */
    private Double heapAfterLatestGc() {
        try {
            List<String> lines = Files.readAllLines(gcLog, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                Matcher m = GC_LINE.matcher(lines.get(i));
                if (m.find()) {
                    return mib(Long.parseLong(m.group(4)), m.group(5));
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /** The GC log's collections: young and full counts, and the heap after the last full one (MiB) if any. */
    public Map<String, Object> collections() {
        Map<String, Object> gc = new LinkedHashMap<>();
        long young = 0;
        long full = 0;
        Double afterFull = null;
        try {
            for (String line : Files.readAllLines(gcLog, StandardCharsets.UTF_8)) {
                Matcher m = GC_LINE.matcher(line);
                if (m.find()) {
                    if (m.group(1).equals("Full")) {
                        full++;
                        afterFull = mib(Long.parseLong(m.group(4)), m.group(5));
                    } else {
                        young++;
                    }
                }
            }
        } catch (IOException e) {
            gc.put("error", e.getMessage());
        }
        gc.put("youngCollections", young);
        gc.put("fullCollections", full);
        gc.put("heapAfterLastFullGcMib", afterFull);
        return gc;
    }

    private static double mib(long value, String unit) {
        return switch (unit) {
            case "K" -> value / 1024.0;
            case "G" -> value * 1024.0;
            default -> value;
        };
    }

    /** Stops sampling (after one last sample) and answers every sample taken. */
    public List<Sample> stop() {
        stopped.countDown();
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    @Override
    public void close() {
        stopped.countDown();
    }

    /**
     * Per series, over the samples taken at or after {@code fromSeconds}: first, last, min, max and the least-squares
     * slope per minute; null fields where a series has fewer than two readings.
     */
    public static Map<String, Object> trends(List<Sample> all, double fromSeconds) {
        List<Sample> samples = all.stream().filter(s -> s.seconds() >= fromSeconds).toList();
        Map<String, Object> trends = new LinkedHashMap<>();
        trends.put("fromSeconds", fromSeconds);
        trends.put("samples", samples.size());
        trends.put("rssMib", trend(samples, Sample::rssMib));
        trends.put("heapAfterGcMib", trend(samples, Sample::heapAfterGcMib));
        trends.put("threads", trend(samples, s -> s.threads() == null ? null : s.threads().doubleValue()));
        trends.put("openFds", trend(samples, s -> s.openFds() == null ? null : s.openFds().doubleValue()));
        trends.put("databaseConnections", trend(samples,
                s -> s.databaseConnections() == null ? null : s.databaseConnections().doubleValue()));
        return trends;
    }

    private static Map<String, Object> trend(List<Sample> samples, Function<Sample, Double> series) {
        List<double[]> points = new ArrayList<>();
        for (Sample s : samples) {
            Double value = series.apply(s);
            if (value != null) {
                points.add(new double[] {s.seconds() / 60.0, value});
            }
        }
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("first", points.isEmpty() ? null : points.getFirst()[1]);
        t.put("last", points.isEmpty() ? null : points.getLast()[1]);
        t.put("min", points.isEmpty() ? null : points.stream().mapToDouble(p -> p[1]).min().getAsDouble());
        t.put("max", points.isEmpty() ? null : points.stream().mapToDouble(p -> p[1]).max().getAsDouble());
        t.put("slopePerMinute", points.size() < 2 ? null : slope(points));
        return t;
    }

    /** The least-squares slope of y over x. */
    static double slope(List<double[]> points) {
        double n = points.size();
        double sx = 0;
        double sy = 0;
        for (double[] p : points) {
            sx += p[0];
            sy += p[1];
        }
        double mx = sx / n;
        double my = sy / n;
        double sxx = 0;
        double sxy = 0;
        for (double[] p : points) {
            sxx += (p[0] - mx) * (p[0] - mx);
            sxy += (p[0] - mx) * (p[1] - my);
        }
        return sxx == 0 ? 0 : sxy / sxx;
    }
}
