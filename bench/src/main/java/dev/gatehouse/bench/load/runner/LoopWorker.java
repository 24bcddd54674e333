package dev.gatehouse.bench.load.runner;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/** One worker of a {@link ClosedLoop}: its own keep-alive connection, its counters, and what the workers share. */
final class LoopWorker implements Runnable {
    static final int TIMEOUT_MILLIS = 30_000;

    final int index;
    final ClosedLoop.Client client;
    final Shared shared;
    final Map<String, Kind> kinds = new TreeMap<>();
    long maxLatenessMicros;
    long lastDone = Long.MIN_VALUE;
    final Histogram histogram = new Histogram(ClosedLoop.HIGHEST_MICROS, 3);
    final Map<String, Long> errors = new TreeMap<>();
    long completed;
    long ok;
    long warmupCompleted;
    long warmupErrors;
    long reconnects;

    LoopWorker(int index, ClosedLoop.Client client, Shared shared) {
        this.index = index;
        this.client = client;
        this.shared = shared;
    }

    @Override
    public void run() {
        try {
            send();
        } finally {
            shared.lastDone().accumulateAndGet(lastDone, Math::max);
            shared.finished().countDown();
        }
    }

    private void send() {
        shared.ready().countDown();
        try {
            if (!shared.go().await(60, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            return;
        }
        long measureFrom = shared.times()[1];
        long end = shared.times()[2];
        long intervalNanos = shared.intervalNanos();
        try (HttpConnection connection = new HttpConnection(shared.servers().apply(index), TIMEOUT_MILLIS)) {
            // Paced workers start spread over one interval, so that together they send evenly.
            long scheduled = shared.times()[0] + (intervalNanos > 0 ? intervalNanos * index / shared.workers() : 0);
            for (long step = 0; step < shared.maxRequests(); step++) {
                if (intervalNanos > 0) {
                    long wait = scheduled - System.nanoTime();
                    if (wait > 0) {
                        try {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        } catch (InterruptedException e) {
                            return;
                        }
                    } else if (scheduled - measureFrom >= 0) {
                        maxLatenessMicros = Math.max(maxLatenessMicros, -wait / 1000);
                    }
                    scheduled += intervalNanos;
                }
                long start = System.nanoTime();
                if (start - end >= 0) {
                    break;
                }
                ClosedLoop.Step request = client.next(step);
                if (request == null) {
                    shared.outOfWork().incrementAndGet();
                    break;
                }
                String problem;
                try {
                    HttpConnection.Response response = connection.exchange(request.request());
                    problem = client.answer(request, response);
                } catch (IOException | RuntimeException e) {
                    problem = e.getClass().getSimpleName();
                    client.failed(request);
                }
                long done = System.nanoTime();
                lastDone = done;
                if (done - measureFrom < 0) {
                    warmupCompleted++;
                    if (problem != null) {
                        warmupErrors++;
                    }
                } else if (done - end < 0) {
                    completed++;
                    long micros = Math.min(ClosedLoop.HIGHEST_MICROS, Math.max(1, (done - start) / 1000));
                    histogram.recordValue(micros);
                    Kind kind = kinds.computeIfAbsent(request.kind(), k -> new Kind());
                    kind.completed++;
                    kind.histogram.recordValue(micros);
                    if (problem == null) {
                        ok++;
                        kind.ok++;
                        shared.okPerSecond().incrementAndGet((int) Math.min(shared.okPerSecond().length() - 1,
                                (done - measureFrom) / 1_000_000_000L));
                    } else {
                        errors.merge(problem, 1L, Long::sum);
                        kind.errors.merge(problem, 1L, Long::sum);
                    }
                }
            }
            reconnects = connection.reconnects();
        }
    }

    /** Per-kind counters of one worker. */
    static final class Kind {
        final Histogram histogram = new Histogram(ClosedLoop.HIGHEST_MICROS, 3);
        final Map<String, Long> errors = new TreeMap<>();
        long completed;
        long ok;

        ClosedLoop.KindResult result() {
            return new ClosedLoop.KindResult(completed, ok, errors, histogram);
        }
    }

    /**
     * What the workers of one run share: where each connects, how many requests each sends at most, the pacing
     * interval of each ({@code 0}: unpaced) and how many they are, the run's latches, clock marks (start, end of
     * warm-up, end) and per-second counts, when the last request completed and how many workers ran out of work.
     */
    record Shared(IntFunction<InetSocketAddress> servers, long maxRequests, long intervalNanos, int workers,
                          AtomicLongArray okPerSecond, CountDownLatch ready, CountDownLatch go, long[] times,
                          CountDownLatch finished, AtomicLong lastDone, AtomicInteger outOfWork) {
    }
}
