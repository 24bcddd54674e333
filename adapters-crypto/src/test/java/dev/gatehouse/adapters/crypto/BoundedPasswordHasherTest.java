package dev.gatehouse.adapters.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.domain.error.Overloaded;
import dev.gatehouse.domain.user.Password;
import dev.gatehouse.domain.user.PasswordHash;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BoundedPasswordHasherTest {
    private static final Password PASSWORD = new Password("correct horse battery");
    private static final long GENEROUS_SECONDS = 30;

    private final GatedHasher gated = new GatedHasher();
    private final List<BoundedPasswordHasher> pools = new ArrayList<>();

    @AfterEach
    void closePools() {
        gated.releaseAll();
        pools.forEach(BoundedPasswordHasher::close);
    }

    private BoundedPasswordHasher pool(int threads, int queue, Duration maxWait) {
        BoundedPasswordHasher pool = new BoundedPasswordHasher(gated, threads, queue, maxWait);
        pools.add(pool);
        return pool;
    }

    @Test
    void shedsAtOnceWhenEveryThreadIsBusyAndTheQueueIsFull() throws Exception {
        BoundedPasswordHasher pool = pool(1, 2, Duration.ofMinutes(1));
        List<CompletableFuture<PasswordHash>> admitted = new ArrayList<>();
        admitted.add(CompletableFuture.supplyAsync(() -> pool.hash(PASSWORD), Thread::startVirtualThread));
        gated.awaitStarted(1); // one running
        for (int i = 1; i <= 2; i++) { // two waiting
            admitted.add(CompletableFuture.supplyAsync(() -> pool.hash(PASSWORD), Thread::startVirtualThread));
            awaitQueued(pool, i);
        }

        // The fourth caller does not wait for the gate: it is refused on its own thread, right away.
        assertThatThrownBy(() -> pool.hash(PASSWORD)).isInstanceOfSatisfying(Overloaded.class,
                overloaded -> assertThat(overloaded.retryAfter()).isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
        assertThatThrownBy(() -> pool.verifyDecoy(PASSWORD)).isInstanceOf(Overloaded.class);
        assertThatThrownBy(() -> pool.verify(PASSWORD, new PasswordHash("x$y"))).isInstanceOf(Overloaded.class);
        assertThat(pool.stats().shedQueueFull()).isEqualTo(3);

        gated.releaseAll();
        for (CompletableFuture<PasswordHash> f : admitted) {
            assertThat(f.get(GENEROUS_SECONDS, TimeUnit.SECONDS).encoded()).isEqualTo("hashed");
        }
        assertThat(pool.stats().completed()).isEqualTo(3);
        // Room again: the next caller is served.
        assertThat(pool.verify(PASSWORD, new PasswordHash("hashed"))).isTrue();
    }

    @Test
    void doesNotRunATaskThatWaitedLongerThanTheLimitAndTellsItsCallerToRetry() throws Exception {
        AtomicLong now = new AtomicLong();
        BoundedPasswordHasher pool = new BoundedPasswordHasher(gated, 1, 4, Duration.ofSeconds(2), now::get);
        pools.add(pool);
        List<Long> waits = new java.util.concurrent.CopyOnWriteArrayList<>();
        pool.observeWaits(waits::add);
        CompletableFuture<PasswordHash> first = CompletableFuture.supplyAsync(() -> pool.hash(PASSWORD),
                Thread::startVirtualThread);
        gated.awaitStarted(1);
        CompletableFuture<PasswordHash> second = CompletableFuture.supplyAsync(() -> pool.hash(PASSWORD),
                Thread::startVirtualThread);
        awaitQueued(pool, 1);

        now.addAndGet(Duration.ofSeconds(3).toNanos()); // the queued task has now waited 3 s
        gated.releaseAll();

        assertThat(first.get(GENEROUS_SECONDS, TimeUnit.SECONDS).encoded()).isEqualTo("hashed");
        assertThatThrownBy(() -> second.get(GENEROUS_SECONDS, TimeUnit.SECONDS))
                .hasCauseInstanceOf(Overloaded.class);
        assertThat(gated.started()).isEqualTo(1); // the stale task never reached the hasher
        assertThat(pool.stats().shedWaitedTooLong()).isEqualTo(1);
        // Each operation's wait went to the observer (the metrics), the shed one's too.
        assertThat(waits).containsExactly(0L, Duration.ofSeconds(3).toNanos());
    }

    @Test
    void servesWaitingCallersFirstComeFirstServed() throws Exception {
        BoundedPasswordHasher pool = pool(1, 8, Duration.ofMinutes(1));
        CompletableFuture<PasswordHash> running = CompletableFuture.supplyAsync(() -> pool.hash(PASSWORD),
                Thread::startVirtualThread);
        gated.awaitStarted(1);
        List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String name = "caller-" + i;
            waiting.add(CompletableFuture.runAsync(() -> {
                pool.verify(new Password(name + "-password"), new PasswordHash("hashed"));
            }, Thread::startVirtualThread));
            awaitQueued(pool, i + 1);
        }
        gated.recordOrderInto(order);
        gated.releaseAll();
        running.get(GENEROUS_SECONDS, TimeUnit.SECONDS);
        for (CompletableFuture<Void> f : waiting) {
            f.get(GENEROUS_SECONDS, TimeUnit.SECONDS);
        }
        // the one that was running when they queued passes the gate first
        assertThat(order).containsExactly(PASSWORD.value(), "caller-0-password", "caller-1-password", "caller-2-password",
                "caller-3-password", "caller-4-password");
    }

    @Test
    void passesResultsAndFailuresOfTheWrappedHasherThrough() {
        gated.releaseAll();
        BoundedPasswordHasher pool = pool(2, 2, Duration.ofMinutes(1));
        assertThat(pool.hash(PASSWORD).encoded()).isEqualTo("hashed");
        assertThat(pool.verify(PASSWORD, new PasswordHash("hashed"))).isTrue();
        assertThat(pool.verify(PASSWORD, new PasswordHash("other"))).isFalse();
        assertThat(pool.maxPasswordBytes()).isEqualTo(72);
        assertThat(pool.needsRehash(new PasswordHash("old"))).isTrue();
        gated.failWith.set(new IllegalStateException("boom"));
        assertThatThrownBy(() -> pool.hash(PASSWORD)).isInstanceOf(IllegalStateException.class).hasMessage("boom");
    }

    @Test
    void runsBcryptOnItsOwnThreadsNotOnTheCallers() {
        BoundedPasswordHasher pool = new BoundedPasswordHasher(new BcryptPasswordHasher(4), 1, 1, Duration.ofMinutes(1));
        pools.add(pool);
        PasswordHash hash = pool.hash(PASSWORD);
        assertThat(pool.verify(PASSWORD, hash)).isTrue();
        assertThat(pool.verify(new Password("wrong password"), hash)).isFalse();
        pool.verifyDecoy(PASSWORD);
        assertThat(pool.stats().completed()).isEqualTo(4);
    }

    @Test
    void refusesNonsenseSizes() {
        assertThatThrownBy(() -> new BoundedPasswordHasher(gated, 0, 1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BoundedPasswordHasher(gated, 1, 0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BoundedPasswordHasher(gated, 1, 1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void awaitQueued(BoundedPasswordHasher pool, int queued) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GENEROUS_SECONDS);
        while (pool.stats().queued() < queued) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never saw " + queued + " queued, only " + pool.stats().queued());
            }
            Thread.sleep(2);
        }
    }

    /** Blocks every operation until released; counts starts; records the order passwords arrive in. */
    private static final class GatedHasher implements PasswordHasher {
        final Semaphore started = new Semaphore(0);
        final CountDownLatch gate = new CountDownLatch(1);
        final AtomicReference<RuntimeException> failWith = new AtomicReference<>();
        final AtomicReference<List<String>> order = new AtomicReference<>();
        final java.util.concurrent.atomic.AtomicInteger starts = new java.util.concurrent.atomic.AtomicInteger();

        private void pass(Password password) {
            starts.incrementAndGet();
            started.release();
            try {
                if (!gate.await(GENEROUS_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("gate never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            List<String> record = order.get();
            if (record != null) {
                record.add(password.value());
            }
            RuntimeException failure = failWith.get();
            if (failure != null) {
                throw failure;
            }
        }

        void awaitStarted(int n) throws InterruptedException {
            if (!started.tryAcquire(n, GENEROUS_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("the hasher was not entered " + n + " times");
            }
        }

        int started() {
            return starts.get();
        }

        void releaseAll() {
            gate.countDown();
        }

        void recordOrderInto(List<String> into) {
            order.set(into);
        }

        @Override
        public PasswordHash hash(Password password) {
            pass(password);
            return new PasswordHash("hashed");
        }

        @Override
        public boolean verify(Password password, PasswordHash hash) {
            pass(password);
            return hash.encoded().equals("hashed");
        }

        @Override
        public void verifyDecoy(Password password) {
            pass(password);
        }

        @Override
        public boolean needsRehash(PasswordHash hash) {
            return !hash.encoded().equals("hashed");
        }

        @Override
        public int maxPasswordBytes() {
            return 72;
        }
    }
}
