package dev.gatehouse.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Calls made at the same moment from as many threads, for the contracts' exactly-one-winner tests. */
final class Race {
    private Race() {
    }

    /**
     * Starts {@code racers} calls together (racer {@code i} is {@code racer.apply(i)}) and returns what each
     * returned, in racer order; fails the test if any of them throws or they take over a minute.
     */
    static <T> List<T> run(int racers, IntFunction<Callable<T>> racer) throws InterruptedException {
        List<Future<T>> outcomes = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(racers);
        try {
            for (int i = 0; i < racers; i++) {
                Callable<T> call = racer.apply(i);
                outcomes.add(threads.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            threads.shutdown();
            assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).as("all racers finished in time").isTrue();
        } finally {
            threads.shutdownNow();
        }
        List<T> results = new ArrayList<>();
        for (Future<T> outcome : outcomes) {
            try {
                results.add(outcome.get());
            } catch (ExecutionException e) {
                throw new AssertionError("a racer failed instead of returning", e.getCause());
            }
        }
        return results;
    }
}
