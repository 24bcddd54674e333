package dev.gatehouse.adapters.crypto;

import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.domain.error.Overloaded;
import dev.gatehouse.domain.user.Password;
import dev.gatehouse.domain.user.PasswordHash;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Runs the expensive operations of another {@link PasswordHasher} (hash, verify, the decoy verify) on a
 * fixed pool of platform threads with a bounded FIFO wait queue, and sheds work it cannot start soon:
 * <ul>
 *   <li>a caller that finds the queue full gets {@link Overloaded} at once (503 with {@code Retry-After});</li>
 *   <li>a task that waited in the queue longer than {@code maxQueueWait} is not run: its caller gets
 *       {@link Overloaded} too, so no sign-in waits for a hash much longer than that;</li>
 *   <li>requests run on virtual threads and only park while they wait here, so the carrier threads stay free
 *       for token-only routes, which never touch this pool (docs/adr/0019-hash-isolation.md).</li>
 * </ul>
 * Waiting is first come, first served. The cheap operations ({@link #needsRehash}, {@link #maxPasswordBytes})
 * run on the caller's thread.
 */
public final class BoundedPasswordHasher implements PasswordHasher, AutoCloseable {
    /** Service time assumed before the first hash has been timed (bcrypt cost 10 on one core, roughly). */
    private static final long INITIAL_SERVICE_NANOS = TimeUnit.MILLISECONDS.toNanos(80);

    private final PasswordHasher delegate;
    private final int threads;
    private final int queueCapacity;
    private final long maxQueueWaitNanos;
    private final LongSupplier nanoTime;
    private final ThreadPoolExecutor executor;
    /** Exponentially weighted mean of one operation's duration, in ns. */
    private final AtomicLong meanServiceNanos = new AtomicLong(INITIAL_SERVICE_NANOS);
    private final AtomicLong shedQueueFull = new AtomicLong();
    private final AtomicLong shedWaitedTooLong = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong maxWaitNanos = new AtomicLong();
    /** Told each operation's wait in the queue, in ns (also the waits of those shed for waiting too long). */
    private volatile LongConsumer waitObserver = waited -> {
    };

    public BoundedPasswordHasher(PasswordHasher delegate, int threads, int queueCapacity, Duration maxQueueWait) {
        this(delegate, threads, queueCapacity, maxQueueWait, System::nanoTime);
    }

    BoundedPasswordHasher(PasswordHasher delegate, int threads, int queueCapacity, Duration maxQueueWait,
                          LongSupplier nanoTime) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        if (threads < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("threads and queue capacity must be at least 1");
        }
        if (maxQueueWait.isNegative() || maxQueueWait.isZero()) {
            throw new IllegalArgumentException("maxQueueWait must be positive");
        }
        this.threads = threads;
        this.queueCapacity = queueCapacity;
        this.maxQueueWaitNanos = maxQueueWait.toNanos();
        this.nanoTime = nanoTime;
        AtomicInteger number = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity),
                task -> Thread.ofPlatform().daemon().name("password-hash-" + number.incrementAndGet()).unstarted(task),
                new ThreadPoolExecutor.AbortPolicy());
        this.executor.prestartAllCoreThreads();
    }

    /** The pool size to use when none is configured: all cores but one, at least one (docs/adr/0019-hash-isolation.md). */
    public static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    /** The wait queue to use when none is configured: 8 operations per thread (under a second at cost 10). */
    public static int defaultQueueCapacity(int threads) {
        return 8 * threads;
    }

    @Override
    public PasswordHash hash(Password password) {
        return run(() -> delegate.hash(password));
    }

    @Override
    public boolean verify(Password password, PasswordHash hash) {
        return run(() -> delegate.verify(password, hash));
    }

    @Override
    public void verifyDecoy(Password password) {
        // Same pool, same queue as a real verification: an unknown email costs and waits the same.
        run(() -> {
            delegate.verifyDecoy(password);
            return null;
        });
    }

    @Override
    public boolean needsRehash(PasswordHash hash) {
        return delegate.needsRehash(hash);
    }

    @Override
    public int maxPasswordBytes() {
        return delegate.maxPasswordBytes();
    }

    /** Counters since start, for logs and the benchmark harness. */
    public record Stats(int threads, int queueCapacity, int queued, long completed, long shedQueueFull,
                        long shedWaitedTooLong, Duration maxWait, Duration meanServiceTime) {
    }

    /** From now on, tells {@code observer} how long each operation waited for a thread, in ns (the metrics). */
    public void observeWaits(LongConsumer observer) {
        this.waitObserver = Objects.requireNonNull(observer, "observer");
    }

    public Stats stats() {
        return new Stats(threads, queueCapacity, executor.getQueue().size(), completed.get(), shedQueueFull.get(),
                shedWaitedTooLong.get(), Duration.ofNanos(maxWaitNanos.get()), Duration.ofNanos(meanServiceNanos.get()));
    }

    private <T> T run(Callable<T> work) {
        long enqueued = nanoTime.getAsLong();
        FutureTask<T> task = new FutureTask<>(() -> {
            long started = nanoTime.getAsLong();
            long waited = started - enqueued;
            waitObserver.accept(waited);
            if (waited > maxQueueWaitNanos) {
                throw new WaitedTooLong();
            }
            maxWaitNanos.accumulateAndGet(waited, Math::max);
            try {
                return work.call();
            } finally {
                long took = nanoTime.getAsLong() - started;
                meanServiceNanos.updateAndGet(mean -> mean + (took - mean) / 8);
                completed.incrementAndGet();
            }
        });
        try {
            executor.execute(task);
        } catch (RejectedExecutionException full) {
            shedQueueFull.incrementAndGet();
            throw overloaded();
        }
        try {
            return task.get();
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof WaitedTooLong) {
                shedWaitedTooLong.incrementAndGet();
                throw overloaded();
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("password hashing failed", cause);
        } catch (InterruptedException interrupted) {
            task.cancel(false); // still queued: it will not run
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for password hashing", interrupted);
        }
    }

    /** When a caller may expect room: the queue ahead of it drained by all threads, at least a second. */
    private Overloaded overloaded() {
        long backlog = executor.getQueue().size() + threads;
        long nanos = backlog * meanServiceNanos.get() / threads;
        return new Overloaded(Duration.ofNanos(Math.max(nanos, TimeUnit.SECONDS.toNanos(1))));
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** A queued task found it had waited too long: not run. */
    private static final class WaitedTooLong extends RuntimeException {
        WaitedTooLong() {
            super(null, null, false, false);
        }
    }
}
