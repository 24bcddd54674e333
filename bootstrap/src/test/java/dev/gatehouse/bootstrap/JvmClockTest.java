package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JvmClockTest {
    private static final int SHELL_SECONDS = 3;

    /**
     * The start-up line's "JVM until main" counts from the JVM's creation, not from the process's: bin/dev
     * builds the jar and then {@code exec}s java in the same process, and the build's minute was reported
     * as JVM start-up. Here a shell waits {@value #SHELL_SECONDS} s and then execs a JVM that reports it.
     */
    @Test
    void countsFromTheJvmsCreationNotFromTheShellThatExecedIt() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = codeSource(JvmClock.class) + File.pathSeparator + codeSource(JvmClockProbe.class);
        Process process = new ProcessBuilder(List.of("/bin/sh", "-c", "sleep " + SHELL_SECONDS + "; exec \"$@\"", "sh",
                java, "-Xshare:auto", "-cp", classPath, JvmClockProbe.class.getName()))
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the probe exits").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.exitValue()).as(output).isZero();

        long jvmMillis = Long.parseLong(output);
        // A JVM reaches main in well under a second here (a few seconds on a machine under heavy load);
        // counted from the shell it would be at least the shell's sleep.
        assertThat(jvmMillis).isBetween(0L, SHELL_SECONDS * 1000L - 1);
    }

    private static String codeSource(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
