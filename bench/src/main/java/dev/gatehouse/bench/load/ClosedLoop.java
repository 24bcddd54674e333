package dev.gatehouse.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
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
 */
final class ClosedLoop {
    /** Latencies above this (in µs) are recorded as this: a minute is already a failure here. */
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(1);

    /** Makes the request of one step; may differ per worker and step (fresh e-mails, rotating tokens). */
    interface Requests {
        byte[] request(int worker, long step);
    }

    /** Checks a 2xx response; returns null when it is fine, else a short error category. */
    interface Check {
        String problem(HttpConnection.Response response);

        Check NONE = response -> null;
    }

    /** What a phase measured. */
    record Result(String name, int concurrency, Duration warmup, Duration measured, Histogram latencyMicros,
                  long completed, long ok, Map<String, Long> errors, long warmupCompleted, long warmupErrors,
                  long[] okPerSecond, long[] completedPerWorker, long reconnects, ProcStats.CoresUsed cores) {

        double okPerSecondMean() {
            return ok / (measured.toNanos() / 1e9);
        }

        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }

        double percentileMillis(double percentile) {
            return latencyMicros.getTotalCount() == 0 ? Double.NaN : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    private ClosedLoop() {
    }

    static Result run(String name, InetSocketAddress server, ProcStats.Probe probe, int concurrency, Duration warmup,
                      Duration measured, long maxRequestsPerWorker, Requests requests, Check check) {
        int seconds = (int) Math.max(1, (measured.toMillis() + 999) / 1000);
        AtomicLongArray okPerSecond = new AtomicLongArray(seconds);
        List<Worker> workers = new ArrayList<>(concurrency);
        CountDownLatch ready = new CountDownLatch(concurrency);
        CountDownLatch go = new CountDownLatch(1);
        long[] times = new long[3]; // start, end of warm-up, end
        for (int i = 0; i < concurrency; i++) {
            workers.add(new Worker(i, server, requests, check, maxRequestsPerWorker, okPerSecond, ready, go, times));
        }
        List<Thread> threads = new ArrayList<>(concurrency);
        for (Worker worker : workers) {
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
            // Sample CPU at the edges of the measured period.
            sleepUntil(times[1]);
            ProcStats.CpuSample before = probe.take();
            sleepUntil(times[2]);
            ProcStats.CpuSample after = probe.take();
            long joinDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Worker.TIMEOUT_MILLIS + 10_000L);
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
            for (Worker worker : workers) {
                perWorker[worker.index] = worker.completed;
                all.add(worker.histogram);
                completed += worker.completed;
                ok += worker.ok;
                warmupCompleted += worker.warmupCompleted;
                warmupErrors += worker.warmupErrors;
                reconnects += worker.reconnects;
                worker.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
            }
            long[] perSecond = new long[seconds];
            for (int i = 0; i < seconds; i++) {
                perSecond[i] = okPerSecond.get(i);
            }
            return new Result(name, concurrency, warmup, measured, all, completed, ok, errors, warmupCompleted,
                    warmupErrors, perSecond, perWorker, reconnects, after.since(before, Runtime.getRuntime().availableProcessors()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.SECONDS.toNanos(1)));
        }
    }

    private static final class Worker implements Runnable {
        static final int TIMEOUT_MILLIS = 30_000;

        final int index;
        final InetSocketAddress server;
        final Requests requests;
        final Check check;
        final long maxRequests;
        final AtomicLongArray okPerSecond;
        final CountDownLatch ready;
        final CountDownLatch go;
        final long[] times;
        final Histogram histogram = new Histogram(HIGHEST_MICROS, 3);
        final Map<String, Long> errors = new TreeMap<>();
        long completed;
        long ok;
        long warmupCompleted;
        long warmupErrors;
        long reconnects;

        Worker(int index, InetSocketAddress server, Requests requests, Check check, long maxRequests,
               AtomicLongArray okPerSecond, CountDownLatch ready, CountDownLatch go, long[] times) {
            this.index = index;
            this.server = server;
            this.requests = requests;
            this.check = check;
            this.maxRequests = maxRequests;
            this.okPerSecond = okPerSecond;
            this.ready = ready;
            this.go = go;
            this.times = times;
        }

        @Override
        public void run() {
            ready.countDown();
            try {
                if (!go.await(60, TimeUnit.SECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
            long measureFrom = times[1];
            long end = times[2];
            try (HttpConnection connection = new HttpConnection(server, TIMEOUT_MILLIS)) {
                for (long step = 0; step < maxRequests; step++) {
                    long start = System.nanoTime();
                    if (start - end >= 0) {
                        break;
                    }
                    byte[] request = requests.request(index, step);
                    String problem;
                    try {
                        HttpConnection.Response response = connection.exchange(request);
                        problem = response.status() / 100 == 2 ? check.problem(response) : "HTTP " + response.status();
                    } catch (IOException | RuntimeException e) {
                        problem = e.getClass().getSimpleName();
                    }
                    long done = System.nanoTime();
                    if (done - measureFrom < 0) {
                        warmupCompleted++;
                        if (problem != null) {
                            warmupErrors++;
                        }
                    } else if (done - end < 0) {
                        completed++;
                        histogram.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, (done - start) / 1000)));
                        if (problem == null) {
                            ok++;
                            okPerSecond.incrementAndGet((int) Math.min(okPerSecond.length() - 1,
                                    (done - measureFrom) / 1_000_000_000L));
                        } else {
                            errors.merge(problem, 1L, Long::sum);
                        }
                    }
                }
                reconnects = connection.reconnects();
            }
        }
    }
}
