package dev.gatehouse.bootstrap;

/** Prints {@link JvmClock#millisUntil} for this JVM's {@code main}: run by {@link JvmClockTest} in a child process. */
public final class JvmClockProbe {
    private JvmClockProbe() {
    }

    public static void main(String[] args) {
        System.out.println(JvmClock.millisUntil(System.nanoTime()));
    }
}
