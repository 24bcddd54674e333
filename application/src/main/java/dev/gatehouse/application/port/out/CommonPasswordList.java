package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.policy.CommonPasswords;

/**
 * The list of common passwords that every new password is screened against (ADR 0016), loaded once and kept in
 * memory: {@link #contains} costs microseconds and never leaves the process.
 */
public interface CommonPasswordList extends CommonPasswords {

    /** How many entries the source list held (before folding case). */
    int size();
}
