package dev.gatehouse.adapters.persistence;

import org.jooq.DSLContext;
import org.jooq.TransactionalCallable;

/**
 * What every jOOQ store of a {@link Database} shares: the one rule for units of work (docs/architecture.md).
 * Statements on {@link #dsl} run in the calling thread's unit of work ({@link JooqTransactionRunner}); when the
 * thread has none, each statement commits by itself (autocommit), and a method of several statements that must
 * stand or fall together runs them {@link #atomically}. A store never commits work of its caller.
 */
abstract class JooqStore {
    /** Joins the calling thread's unit of work, if any. */
    protected final DSLContext dsl;
    /** Connections of their own from the same pool, for {@link #committedAlone}; null in stores that need none. */
    private final DSLContext separate;

    JooqStore(DSLContext dsl) {
        this(dsl, null);
    }

    JooqStore(DSLContext dsl, DSLContext separate) {
        this.dsl = dsl;
        this.separate = separate;
    }

    /**
     * Runs several statements as one: a savepoint inside the caller's unit of work (nothing is committed before
     * the caller commits), else a unit of work of their own. The savepoint also lets the caller go on after a
     * statement fails, which PostgreSQL otherwise refuses for the rest of the transaction.
     */
    protected final void atomically(Runnable statements) {
        // The argument-less lambda joins this thread's transaction, as in JooqTransactionRunner.
        try {
            dsl.transaction(statements::run);
        } catch (RuntimeException e) {
            throw Outages.translate(e);
        }
    }

    /**
     * The deliberate exception to the rule: {@code work} runs in a transaction of its own on a connection of its
     * own, and is committed when this returns, whatever the calling thread has open (whose work it never sees,
     * commits or rolls back). Only for the writes docs/architecture.md names. The caller's unit of work must not
     * hold a lock on the rows {@code work} writes, or the two wait for each other.
     */
    protected final <T> T committedAlone(TransactionalCallable<T> work) {
        try {
            return separate.transactionResult(work);
        } catch (RuntimeException e) {
            throw Outages.translate(e);
        }
    }
}
