package dev.gatehouse.adapters.persistence;

import dev.gatehouse.application.port.out.TransactionRunner;
import java.util.function.Supplier;
import org.jooq.DSLContext;

/**
 * Units of work on the calling thread's connection, which every jOOQ repository of the same
 * {@link Database} joins. A nested unit of work becomes a savepoint of the outer one.
 */
final class JooqTransactionRunner implements TransactionRunner {
    private final DSLContext dsl;

    JooqTransactionRunner(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        // The argument-less lambda is what lets ThreadLocalTransactionProvider find an outer transaction of this
        // thread and nest as a savepoint. jOOQ rolls back on any throwable and rethrows runtime exceptions unchanged;
        // a lost database at begin or commit (outside any statement) becomes StorageUnavailable here.
        try {
            return dsl.transactionResult(work::get);
        } catch (RuntimeException e) {
            throw Outages.translate(e);
        }
    }
}
