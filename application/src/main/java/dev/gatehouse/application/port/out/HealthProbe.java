package dev.gatehouse.application.port.out;

/** Whether a dependency the server cannot work without (the database) answers right now. */
@FunctionalInterface
public interface HealthProbe {

    boolean isHealthy();
}
