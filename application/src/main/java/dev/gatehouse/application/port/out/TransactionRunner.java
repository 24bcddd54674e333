package dev.gatehouse.application.port.out;

import java.util.function.Supplier;

/**
 * Units of work. Everything the work does through repositories commits together or not at all;
 * a runtime exception thrown by the work rolls back and propagates unchanged.
 */
public interface TransactionRunner {

    <T> T inTransaction(Supplier<T> work);
}
