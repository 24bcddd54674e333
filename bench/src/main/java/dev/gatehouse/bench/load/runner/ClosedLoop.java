package dev.gatehouse.bench.load.runner;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop load: {@code concurrency} platform threads, each with its own keep-alive connection,
 * send a request, wait for the answer, and send the next one at once, first for a warm-up period
 * (discarded), then for a measured period. A request counts in the measurement when it completes inside
 * the measured period; its latency (send to last byte) goes to an HdrHistogram in microseconds.
 *
 * <p>Closed loop means the offered load adapts to the server: the latencies are service times at that
 * concurrency, not the response times an open stream of arrivals would see when the server falls behind
 * (no coordinated-omission correction applies, and none is made).
 *
 * <p>A {@link Client} may run out of work (a pool of single-use tokens, spent): when every worker has, the phase
 * ends there, and its measured period is from the end of the warm-up to the last completed request.
 */
public final class ClosedLoop {
    /** Latencies above this (in µs) are recorded as this: a minute is already a failure here. */
    static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(1);

    /** Makes the request of one step; may differ per worker and step (fresh e-mails, rotating tokens). */
    public interface Requests {
        byte[] request(int worker, long step);
    }

    /** Checks a 2xx response; returns null when it is fine, else a short error category. */
    public interface Check {
        String problem(HttpConnection.Response response);

        Check NONE = response -> null;
    }

    /**
     * One worker's conversation when a request depends on earlier answers (a refresh-token chain) or the
     * mix of requests matters: {@link #next} makes the next request and names its kind, {@link #answer}
     * judges its response (any status) and keeps what the next request needs.
     */
    public interface Client {
        /** The next request, or null when this worker has nothing more to send (it stops). */
        Step next(long step);

        /** Null when the response is what the request should get, else a short error category. */
        String answer(Step step, HttpConnection.Response response);

        /** The request failed without a response (timeout, reset): the client may start over. */
        default void failed(Step step) {
        }
    }

    /** A request and its kind (a route; latencies and counts are also kept per kind). */
    public record Step(String kind, byte[] request) {
    }

    /** Makes the {@link Client} of each worker. */
    public interface Clients {
        Client open(int worker);
    }

    /** What one kind of request measured within a phase. */
    public record KindResult(long completed, long ok, Map<String, Long> errors, Histogram latencyMicros) {
        public double percentileMillis(double percentile) {
            return latencyMicros.getTotalCount() == 0 ? Double.NaN : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    /** What a phase measured: its set-up, totals, latencies, errors by kind and the cores used meanwhile. */
    public record Result(String name, Setup setup, Histogram latencyMicros, Totals totals, Map<String, Long> errors,
                         long[] okPerSecond, long[] completedPerWorker, ProcStats.CoresUsed cores,
                         Map<String, KindResult> byKind) {

        public int concurrency() {
            return setup.concurrency();
        }

        public Duration measured() {
            return setup.measured();
        }

        public long completed() {
            return totals.completed();
        }

        public long ok() {
            return totals.ok();
        }

        public double okPerSecondMean() {
            return totals.ok() / (setup.measured().toNanos() / 1e9);
        }

        public long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }

        public double percentileMillis(double percentile) {
            return latencyMicros.getTotalCount() == 0 ? Double.NaN : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    /** How a phase was run: workers, periods, and the offered rate when paced (0: closed loop). */
    public record Setup(int concurrency, Duration warmup, Duration measured, double pacedPerSecond) {
    }

    /** The counts of a phase, over all workers (the warm-up ones apart). */
    public record Totals(long completed, long ok, long warmupCompleted, long warmupErrors, long reconnects,
                         long maxLatenessMicros) {
    }

    private ClosedLoop() {
    }

    public static Result run(String name, InetSocketAddress server, ProcStats.Probe probe, int concurrency, Duration warmup,
                      Duration measured, long maxRequestsPerWorker, Requests requests, Check check) {
        return run(name, server, probe, concurrency, warmup, measured, maxRequestsPerWorker, worker -> new Client() {
            @Override
            public Step next(long step) {
                return new Step(name, requests.request(worker, step));
            }

            @Override
            public String answer(Step step, HttpConnection.Response response) {
                return response.status() / 100 == 2 ? check.problem(response) : "HTTP " + response.status();
            }
        }, 0);
    }

    /**
     * Runs {@code concurrency} workers with their own {@link Client}s. With {@code pacedPerSecond > 0} the
     * workers together offer that many requests a second (each sends on its own schedule, or at once when
     * it is behind), instead of sending the next request as soon as the last one is answered.
     */
    public static Result run(String name, InetSocketAddress server, ProcStats.Probe probe, int concurrency, Duration warmup,
                      Duration measured, long maxRequestsPerWorker, Clients clients, double pacedPerSecond) {
        return run(name, worker -> server, probe, concurrency, warmup, measured, maxRequestsPerWorker, clients,
                pacedPerSecond);
    }

    /** As above, each worker connecting to the server {@code serverOfWorker} names (several server processes). */
    public static Result run(String name, IntFunction<InetSocketAddress> serverOfWorker, ProcStats.Probe probe,
                      int concurrency, Duration warmup, Duration measured, long maxRequestsPerWorker, Clients clients,
                      double pacedPerSecond) {
        int seconds = (int) Math.max(1, (measured.toMillis() + 999) / 1000);
        AtomicLongArray okPerSecond = new AtomicLongArray(seconds);
        List<LoopWorker> workers = new ArrayList<>(concurrency);
        CountDownLatch ready = new CountDownLatch(concurrency);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(concurrency);
        AtomicLong lastDone = new AtomicLong(Long.MIN_VALUE);
        AtomicInteger outOfWork = new AtomicInteger();
        long[] times = new long[3]; // start, end of warm-up, end
        long intervalNanos = pacedPerSecond > 0 ? (long) (concurrency * 1e9 / pacedPerSecond) : 0;
        LoopWorker.Shared shared = new LoopWorker.Shared(serverOfWorker, maxRequestsPerWorker, intervalNanos, concurrency,
                okPerSecond, ready, go, times, finished, lastDone, outOfWork);
        for (int i = 0; i < concurrency; i++) {
            workers.add(new LoopWorker(i, clients.open(i), shared));
        }
        List<Thread> threads = new ArrayList<>(concurrency);
        for (LoopWorker worker : workers) {
            threads.add(Thread.ofPlatform().name("load-" + name + "-" + worker.index).daemon().start(worker));
        }
        try {
            if (!ready.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("load threads did not start");
            }
            times[0] = System.nanoTime();
            times[1] = times[0] + warmup.toNanos();
            times[2] = times[1] + measured.toNanos();
            go.countDown();
            // Sample CPU at the edges of the measured period (which ends early when every worker ran out of work).
            boolean allDone = finished.await(Math.max(0, times[1] - System.nanoTime()), TimeUnit.NANOSECONDS);
            ProcStats.CpuSample before = probe.take();
            if (!allDone) {
                allDone = finished.await(Math.max(0, times[2] - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            ProcStats.CpuSample after = probe.take();
            Duration period = allDone && outOfWork.get() == concurrency
                    ? Duration.ofNanos(Math.max(1, lastDone.get() - times[1])) : measured;
            long joinDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LoopWorker.TIMEOUT_MILLIS + 10_000L);
            for (Thread thread : threads) {
                long left = joinDeadline - System.nanoTime();
                if (left <= 0 || !thread.join(Duration.ofNanos(left))) {
                    throw new IllegalStateException("a load thread did not finish in time: " + thread.getName());
                }
            }
            Histogram all = new Histogram(HIGHEST_MICROS, 3);
            long completed = 0;
            long ok = 0;
            long warmupCompleted = 0;
            long warmupErrors = 0;
            long reconnects = 0;
            Map<String, Long> errors = new TreeMap<>();
            long[] perWorker = new long[concurrency];
            Map<String, KindResult> byKind = new TreeMap<>();
            long maxLateness = 0;
            for (LoopWorker worker : workers) {
                maxLateness = Math.max(maxLateness, worker.maxLatenessMicros);
                worker.kinds.forEach((kind, k) -> byKind.merge(kind, k.result(), ClosedLoop::merge));
                perWorker[worker.index] = worker.completed;
                all.add(worker.histogram);
                completed += worker.completed;
                ok += worker.ok;
                warmupCompleted += worker.warmupCompleted;
                warmupErrors += worker.warmupErrors;
                reconnects += worker.reconnects;
                worker.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
            }
            long[] perSecond = new long[(int) Math.min(seconds, Math.max(1, (period.toMillis() + 999) / 1000))];
            for (int i = 0; i < perSecond.length; i++) {
                perSecond[i] = okPerSecond.get(i);
            }
            return new Result(name, new Setup(concurrency, warmup, period, pacedPerSecond), all,
                    new Totals(completed, ok, warmupCompleted, warmupErrors, reconnects, maxLateness), errors, perSecond,
                    perWorker, after.since(before, Runtime.getRuntime().availableProcessors()), byKind);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static KindResult merge(KindResult a, KindResult b) {
        Histogram h = new Histogram(HIGHEST_MICROS, 3);
        h.add(a.latencyMicros());
        h.add(b.latencyMicros());
        Map<String, Long> errors = new TreeMap<>(a.errors());
        b.errors().forEach((k, v) -> errors.merge(k, v, Long::sum));
        return new KindResult(a.completed() + b.completed(), a.ok() + b.ok(), errors, h);
    }
}
