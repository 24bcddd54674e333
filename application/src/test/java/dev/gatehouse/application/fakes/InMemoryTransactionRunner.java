package dev.gatehouse.application.fakes;

import dev.gatehouse.application.port.out.TransactionRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises units of work and, when one throws, puts every registered store back as it was: enough
 * atomicity for use-case tests to check that a failed unit of work leaves nothing behind.
 */
public final class InMemoryTransactionRunner implements TransactionRunner {
    private final List<InMemoryStore> stores;
    private final ReentrantLock lock = new ReentrantLock();

    public InMemoryTransactionRunner(InMemoryStore... stores) {
        this.stores = List.of(stores);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        lock.lock();
        try {
            if (lock.getHoldCount() > 1) {
                return work.get(); // nested: part of the outer unit of work
            }
            List<Object> snapshots = new ArrayList<>();
            stores.forEach(store -> snapshots.add(store.snapshot()));
            try {
                return work.get();
            } catch (RuntimeException | Error e) {
                for (int i = 0; i < stores.size(); i++) {
                    stores.get(i).restore(snapshots.get(i));
                }
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }
}
