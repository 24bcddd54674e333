package dev.gatehouse.application.port.out;

import java.time.Instant;

/** The current time, injected so that use cases and tests agree on it. */
@FunctionalInterface
public interface Clock {

    Instant now();
}
