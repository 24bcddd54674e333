package dev.gatehouse.application.support.port.out;

import java.time.Instant;

/**
 * The network sources from which each account signed in successfully: a source known for an account is exempt
 * from that account's failed-login cap, so an attacker hammering the account cannot lock its owner out. Keys are
 * opaque (the application passes hashes, never an email or an address). Each call stands alone.
 */
public interface LoginSourceStore {

    /** Records (or refreshes) a successful sign-in to {@code account} from {@code source} at {@code at}. */
    void remember(String account, String source, Instant at);

    /** Whether {@code account} had a successful sign-in from {@code source} at or after {@code since}. */
    boolean knows(String account, String source, Instant since);

    /** Deletes the sources last seen before {@code before}; answers how many. */
    int forgetOlderThan(Instant before);
}
