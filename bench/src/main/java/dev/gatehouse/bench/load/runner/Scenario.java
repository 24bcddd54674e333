package dev.gatehouse.bench.load.runner;

import java.util.Map;

/** One scenario of bench/run.sh (the classes of {@code dev.gatehouse.bench.load.scenario}). */
public interface Scenario {
    /** Its name on the command line and in the result file's name. */
    String name();

    /** Runs it once on {@code db} ("h2" or "postgres"); the content of its result file. */
    Map<String, Object> run(Harness harness, String db);
}
