package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.audit.AuditEvent;

/**
 * The tenant audit log's write side: append-only. Call {@link #record} INSIDE the unit of work of the change
 * being recorded ({@code TransactionRunner.inTransaction}), so that the event and the change commit or roll back
 * together; an event about something that changed nothing (a failed login) gets a unit of work of its own.
 */
@FunctionalInterface
public interface AuditLog {

    void record(AuditEvent event);
}
