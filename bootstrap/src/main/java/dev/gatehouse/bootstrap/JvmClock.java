package dev.gatehouse.bootstrap;

import java.lang.management.ManagementFactory;

/**
 * Time since this JVM was created. Not the process's start time ({@code ProcessHandle...startInstant()}):
 * a shell that {@code exec}s java, as bin/dev does after building the jar, hands the JVM its own process
 * and with it the shell's start time, so the build would be counted as JVM start-up.
 */
final class JvmClock {
    private JvmClock() {
    }

    /** Milliseconds from the JVM's creation until the moment {@code nanoTime} was read. */
    static long millisUntil(long nanoTime) {
        long now = System.currentTimeMillis();
        long sinceMark = (System.nanoTime() - nanoTime) / 1_000_000;
        return now - ManagementFactory.getRuntimeMXBean().getStartTime() - sinceMark;
    }
}
