package dev.gatehouse.application.sessions.port.in;

/**
 * Keeps this process's view of revoked sessions current: sessions revoked by another process sharing
 * the database are picked up by {@link #poll()}, which the server calls every few hundred milliseconds.
 */
public interface RevocationFeedUseCase {

    /** Reads revocations recorded since the previous poll; returns how many were new to this process. */
    int poll();
}
